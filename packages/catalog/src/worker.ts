import type { WorkerPlugin } from "@megawatts/core";
import { memoryWorker } from "@megawatts/plugin-memory/worker";
import { privacyWorker } from "@megawatts/plugin-privacy/worker";
import { systemWorker } from "@megawatts/plugin-system/worker";

/** The worker halves of the installed plugins. */
export const workerPlugins: WorkerPlugin[] = [systemWorker, memoryWorker, privacyWorker];
