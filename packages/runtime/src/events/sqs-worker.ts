import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import type { BasePersistenceLayer } from "@aws-lambda-powertools/idempotency/persistence";
import { type Job, type Logger, parseWork, type Work } from "@megawatts/core";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";

/** Delays the next delivery of a failed record (for example by changing its visibility timeout). */
export type Backoff = (record: SQSRecord, attempt: number) => Promise<void>;

export interface JobsHandlerOptions {
  /** Runs one job or task; called at most once per id while its idempotency record lives. */
  process(work: Work): Promise<unknown>;
  logger: Logger;
  /** Where job ids are claimed, so replays and redeliveries do not run a job twice. */
  persistenceStore: BasePersistenceLayer;
  backoff?: Backoff;
  /** Called after every batch, for example to flush metrics. */
  afterEach?: () => void;
}

function parseRecord(record: SQSRecord, logger: Logger): Work {
  try {
    return parseWork(record.body);
  } catch (error) {
    // Left to fail into the dead-letter queue, where it stays for inspection.
    logger.error("job.malformed", { messageId: record.messageId, error });
    throw error;
  }
}

/**
 * An SQS batch handler for job queues: each record is parsed, claimed by job id and run;
 * a failing record is backed off and reported in `batchItemFailures` so only it is retried.
 *
 * @example
 * export const handler = createJobsHandler({ process: (job) => runJob(deps, job), logger, persistenceStore });
 */
export function createJobsHandler(options: JobsHandlerOptions) {
  const processor = new BatchProcessor(EventType.SQS);
  const config = new IdempotencyConfig({ eventKeyJmesPath: "id", expiresAfterSeconds: 24 * 60 * 60 });
  const processOnce = makeIdempotent(options.process, { persistenceStore: options.persistenceStore, config });

  const recordHandler = async (record: SQSRecord) => {
    const work = parseRecord(record, options.logger);
    const attempt = Number(record.attributes.ApproximateReceiveCount ?? "1");
    try {
      await processOnce(work);
    } catch (error) {
      const { correlationId } = work.type === "job" ? work.job : work.task;
      options.logger.warn(`${work.type}.attempt-failed`, { id: work.id, correlationId, attempt, error });
      await options.backoff?.(record, attempt);
      throw error;
    }
  };

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    config.registerLambdaContext(context);
    try {
      return await processPartialResponse(event, recordHandler, processor, {
        context,
        throwOnFullBatchFailure: false,
      });
    } finally {
      options.afterEach?.();
    }
  };
}

/**
 * An SQS batch handler for a dead-letter queue: each dead job is reported (the user's message
 * is edited to say it failed, with a reference id) and then acknowledged; a dead task has
 * nobody to tell and is logged as an error (which alarms watch).
 */
export function createDeadLetterHandler(options: {
  report(job: Job): Promise<unknown>;
  logger: Logger;
  afterEach?: () => void;
}) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord) => {
    let work: Work;
    try {
      work = parseWork(record.body);
    } catch (error) {
      options.logger.error("job.dead-letter-malformed", { messageId: record.messageId, error });
      return;
    }
    if (work.type === "task") {
      const { kind, correlationId } = work.task;
      options.logger.error("task.dead-lettered", { id: work.id, kind, correlationId });
      return;
    }
    await options.report(work.job);
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    try {
      return await processPartialResponse(event, recordHandler, processor, {
        context,
        throwOnFullBatchFailure: false,
      });
    } finally {
      options.afterEach?.();
    }
  };
}
