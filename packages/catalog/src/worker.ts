import type { WorkerPlugin } from "@megawatts/core";
import { systemWorker } from "@megawatts/plugin-system/worker";

/** The worker halves of the installed plugins. */
export const workerPlugins: WorkerPlugin[] = [systemWorker];
