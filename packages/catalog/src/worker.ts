import type { WorkerPlugin } from "@megawatts/core";
import { adminWorker } from "@megawatts/plugin-admin/worker";
import { automodWorker } from "@megawatts/plugin-automod/worker";
import { indexingWorker } from "@megawatts/plugin-knowledge/indexing/worker";
import { knowledgeWorker } from "@megawatts/plugin-knowledge/worker";
import { memoryWorker } from "@megawatts/plugin-memory/worker";
import { moderationWorker } from "@megawatts/plugin-moderation/worker";
import { pluginsWorker } from "@megawatts/plugin-plugins/worker";
import { privacyWorker } from "@megawatts/plugin-privacy/worker";
import { selfeditWorker } from "@megawatts/plugin-selfedit/worker";
import { systemWorker } from "@megawatts/plugin-system/worker";
import { ticketsWorker } from "@megawatts/plugin-tickets/worker";

/**
 * The worker halves of the installed plugins, run by the jobs worker. The self-edit pipeline
 * runs apart, on the self-edit queue's worker (`@megawatts/plugin-selfedit/pipeline`).
 */
export const workerPlugins: WorkerPlugin[] = [
  systemWorker,
  pluginsWorker,
  memoryWorker,
  knowledgeWorker,
  indexingWorker,
  privacyWorker,
  selfeditWorker,
  adminWorker,
  moderationWorker,
  ticketsWorker,
  automodWorker,
];
