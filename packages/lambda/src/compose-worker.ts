import type { BasePersistenceLayer } from "@aws-lambda-powertools/idempotency/persistence";
import { workerPlugins } from "@megawatts/catalog/worker";
import {
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
import { type Backoff, createDeadLetterHandler, createJobsHandler } from "./sqs-worker.ts";

export interface WorkerParts {
  /** The worker plugins whose jobs this worker runs (default: the catalog's). */
  plugins?: WorkerPlugin[];
  responder: InteractionResponder;
  services: WorkerServices;
  persistenceStore: BasePersistenceLayer;
  logger: Logger;
  metrics: Metrics;
  backoff?: Backoff;
  clock?: Clock;
  afterEach?: () => void;
}

/**
 * Puts the workers together from the adapters a runtime chose: the job table from the
 * installed plugins, the jobs queue handler and the dead-letter handler.
 *
 * @example
 * const { jobs, deadLetters } = composeWorker({ responder, services, persistenceStore, logger, metrics });
 */
export function composeWorker(parts: WorkerParts) {
  const deps = {
    jobs: createJobRegistry(parts.plugins ?? workerPlugins),
    responder: parts.responder,
    services: parts.services,
    logger: parts.logger,
    metrics: parts.metrics,
    clock: parts.clock ?? systemClock,
  };
  const common = { logger: parts.logger, ...(parts.afterEach ? { afterEach: parts.afterEach } : {}) };
  return {
    jobs: createJobsHandler({
      ...common,
      process: (job) => runJob(deps, job),
      persistenceStore: parts.persistenceStore,
      ...(parts.backoff ? { backoff: parts.backoff } : {}),
    }),
    deadLetters: createDeadLetterHandler({ ...common, report: (job) => reportDeadJob(deps, job) }),
  };
}
