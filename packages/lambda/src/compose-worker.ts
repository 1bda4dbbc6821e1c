import type { BasePersistenceLayer } from "@aws-lambda-powertools/idempotency/persistence";
import { workerPlugins } from "@megawatts/catalog/worker";
import {
  type ChannelMessages,
  type Clock,
  createJobRegistry,
  type InteractionResponder,
  type Logger,
  type Metrics,
  reportDeadJob,
  runJob,
  systemClock,
  type WorkerPlugin,
  type WorkerServices,
} from "@megawatts/core";
import { type Backoff, createJobsHandler, type DeadLetterSink } from "./sqs-worker.ts";

/** Read-only jobs that run even when their claim cannot be written, so they answer while the table is down. */
const CLAIM_OPTIONAL_KINDS = new Set(["system.status"]);

export interface WorkerParts {
  /** The worker plugins whose jobs this worker runs (default: the catalog's). */
  plugins?: WorkerPlugin[];
  responder: InteractionResponder;
  /**
   * What tells a user their job was dead-lettered (default `responder`): pass the responder
   * without its breaker, so that one last message is tried even while the breaker is open.
   */
  reportResponder?: InteractionResponder;
  services: WorkerServices;
  persistenceStore: BasePersistenceLayer;
  logger: Logger;
  metrics: Metrics;
  backoff?: Backoff;
  /** Tries in all before a job is dead-lettered. */
  maxAttempts?: number;
  /** Where jobs that will not succeed are kept, with their reason. */
  deadLetter?: DeadLetterSink;
  /** How a redriven job whose token died reports (the bot token's channel messages). */
  channelMessages?: ChannelMessages;
  clock?: Clock;
  afterEach?: () => void;
}

/**
 * Puts the worker together from the adapters a runtime chose: the job table from the
 * installed plugins and the jobs queue handler, which keeps failed jobs in the dead-letter
 * queue and tells their users.
 *
 * @example
 * const { jobs } = composeWorker({ responder, services, persistenceStore, logger, metrics, deadLetter });
 */
export function composeWorker(parts: WorkerParts) {
  const deps = {
    jobs: createJobRegistry(parts.plugins ?? workerPlugins),
    responder: parts.responder,
    services: parts.services,
    logger: parts.logger,
    metrics: parts.metrics,
    clock: parts.clock ?? systemClock,
    ...(parts.channelMessages ? { channelMessages: parts.channelMessages } : {}),
  };
  return {
    jobs: createJobsHandler({
      logger: parts.logger,
      process: (job) => runJob(deps, job),
      persistenceStore: parts.persistenceStore,
      claimOptional: CLAIM_OPTIONAL_KINDS,
      report: (job, note) =>
        reportDeadJob({ ...deps, responder: parts.reportResponder ?? parts.responder }, job, note.reason),
      ...(parts.afterEach ? { afterEach: parts.afterEach } : {}),
      ...(parts.backoff ? { backoff: parts.backoff } : {}),
      ...(parts.maxAttempts ? { maxAttempts: parts.maxAttempts } : {}),
      ...(parts.deadLetter ? { deadLetter: parts.deadLetter } : {}),
    }),
  };
}
