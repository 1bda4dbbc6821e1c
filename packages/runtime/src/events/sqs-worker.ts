import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  makeIdempotent,
} from "@aws-lambda-powertools/idempotency";
import type { BasePersistenceLayer } from "@aws-lambda-powertools/idempotency/persistence";
import {
  classifyFailure,
  failureReason,
  type Job,
  type Logger,
  parseWork,
  systemClock,
  tokenTimeLeft,
  type Work,
} from "@megawatts/core";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { noTracing, type Tracing } from "../observability.ts";

/**
 * Delays the next delivery of a failed record (for example by changing its visibility timeout);
 * `replyAlive` says whether the job still has an interaction reply it may edit.
 */
export type Backoff = (record: SQSRecord, attempt: number, replyAlive: boolean) => Promise<void>;

/** Why a message left the jobs queue for its dead-letter queue, kept with it there. */
export interface DeadLetterNote {
  reason: string;
  attempts: number;
}

/** Sends a message to the dead-letter queue with its reason; it stays there until redriven or purged. */
export type DeadLetterSink = (record: SQSRecord, note: DeadLetterNote) => Promise<void>;

export interface JobsHandlerOptions {
  /** Runs one job or task; called at most once per id while its idempotency record lives. */
  process(work: Work): Promise<unknown>;
  logger: Logger;
  /** Where job ids are claimed, so replays and redeliveries do not run a job twice. */
  persistenceStore: BasePersistenceLayer;
  backoff?: Backoff;
  /** Tries in all before a transiently failing job is dead-lettered (default 8). */
  maxAttempts?: number;
  /**
   * Keeps a job that will not succeed here: malformed, or out of tries. Without it, the record
   * fails and the queue's redrive policy moves it (without a reason).
   */
  deadLetter?: DeadLetterSink;
  /** Tells the user their job was dead-lettered (after it is safely kept). */
  report?(job: Job, note: DeadLetterNote): Promise<unknown>;
  /**
   * Job kinds that run without a claim (such as `/status`): read-only jobs whose only effect is
   * editing their own reply, so a second run only answers again. They skip the claim's two
   * table writes, and still answer while the table is down.
   */
  unclaimed?: ReadonlySet<string>;
  /** Called after every batch, for example to flush metrics. */
  afterEach?: () => void;
  /**
   * A span per record, continuing the trace its sender started (the `AWSTraceHeader` the
   * message carries), so its calls and its dead-letter parking show in the same trace.
   */
  tracing?: Tracing;
}

/** Whether work with this id has already completed (a finished run's reply must not be overwritten). */
async function completed(store: BasePersistenceLayer, work: Work): Promise<boolean> {
  try {
    const record = await store.getRecord(work as unknown as Parameters<typeof store.getRecord>[0]);
    return record.getStatus() === "COMPLETED";
  } catch {
    return false;
  }
}

function receiveCount(record: SQSRecord): number {
  const count = Number(record.attributes.ApproximateReceiveCount ?? "1");
  return Number.isInteger(count) && count > 0 ? count : 1;
}

/**
 * An SQS batch handler for job queues: each record is parsed, claimed by job id and run.
 * A malformed record is dead-lettered at once; a duplicate of a run still in progress is
 * dropped; a transient failure is backed off and reported in `batchItemFailures` so only it is
 * retried; after `maxAttempts` tries the job is dead-lettered with its reason and the user told.
 * Permanent failures never get here: `runJob` answers them and returns.
 *
 * @example
 * export const handler = createJobsHandler({ process: (job) => runJob(deps, job), logger, persistenceStore });
 */
export function createJobsHandler(options: JobsHandlerOptions) {
  const maxAttempts = options.maxAttempts ?? 8;
  const config = new IdempotencyConfig({ eventKeyJmesPath: "id", expiresAfterSeconds: 24 * 60 * 60 });
  const processOnce = makeIdempotent(options.process, { persistenceStore: options.persistenceStore, config });
  const { logger } = options;

  const deadLetter = async (record: SQSRecord, note: DeadLetterNote, work?: Work) => {
    // Without a sink, failing the record leaves it to the queue's redrive policy.
    if (!options.deadLetter) throw new Error(`dead-letter: ${note.reason}`);
    await options.deadLetter(record, note);
    // A dead task has nobody to tell: the error log (and the arrival alarm) is its report.
    logger.error(`${work?.type ?? "job"}.dead-lettered`, {
      messageId: record.messageId,
      id: work?.id,
      ...note,
    });
    if (work?.type === "job" && options.report) {
      await options
        .report(work.job, note)
        .catch((error: unknown) => logger.warn("job.report-failed", { error }));
    }
  };

  const runOnce = (work: Work) =>
    work.type === "job" && options.unclaimed?.has(work.job.kind) ? options.process(work) : processOnce(work);

  const run = async (record: SQSRecord, work: Work, attempt: number) => {
    const { correlationId } = work.type === "job" ? work.job : work.task;
    try {
      await runOnce(work);
    } catch (error) {
      if (error instanceof IdempotencyAlreadyInProgressError) {
        // The run holding the claim owns the message's outcome; its claim expires with its time limit.
        logger.info(`${work.type}.duplicate-dropped`, { id: work.id, correlationId });
        return;
      }
      const kind = classifyFailure(error);
      logger.warn(`${work.type}.attempt-failed`, { id: work.id, correlationId, attempt, kind, error });
      if (kind === "permanent" || attempt >= maxAttempts) {
        if (await completed(options.persistenceStore, work)) return;
        const tries = kind === "permanent" ? "permanent failure" : `gave up after ${attempt} tries`;
        await deadLetter(record, { reason: `${tries}: ${failureReason(error)}`, attempts: attempt }, work);
        return;
      }
      const replyAlive = work.type === "job" && tokenTimeLeft(work.job, systemClock) > 0;
      await options.backoff?.(record, attempt, replyAlive);
      throw error;
    }
  };

  const tracing = options.tracing ?? noTracing;
  const recordHandler = async (record: SQSRecord) => {
    const attempt = receiveCount(record);
    // SQS sets the system attribute from the sender's traced request; a sender may set it itself.
    const parent = record.attributes.AWSTraceHeader ?? record.messageAttributes.AWSTraceHeader?.stringValue;
    let work: Work;
    try {
      work = parseWork(record.body);
    } catch (error) {
      // No try can fix a body that does not parse; keep it for inspection.
      const note = { reason: `malformed job: ${failureReason(error)}`, attempts: attempt };
      await tracing.span("job (malformed)", () => deadLetter(record, note), { parent });
      return;
    }
    const { kind, correlationId } = work.type === "job" ? work.job : work.task;
    const attributes = { correlationId, attempt: String(attempt) };
    await tracing.span(`${work.type} ${kind}`, () => run(record, work, attempt), { parent, attributes });
  };

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    config.registerLambdaContext(context);
    try {
      // A processor per invocation: it holds the batch's results, and the local queue runner
      // invokes one handler with several batches at once.
      return await processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), {
        context,
        throwOnFullBatchFailure: false,
      });
    } finally {
      options.afterEach?.();
    }
  };
}
