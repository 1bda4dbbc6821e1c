import { composeLambdaWorker } from "@megawatts/runtime/lambda";
import { schedulerResources, workerDeployment } from "../linked/worker.ts";

/** Jobs queue → the plugin that handles each job; failed records are retried, then dead-lettered. */
export const handler = composeLambdaWorker(workerDeployment(), "jobs", schedulerResources()).jobs;
