import { composeLambdaWorker } from "@megawatts/runtime/lambda";
import { jobsWorkerResources } from "../linked/worker.ts";

/** Jobs queue → the plugin that handles each job; failed records are retried, then dead-lettered. */
export const handler = composeLambdaWorker("jobs", jobsWorkerResources()).jobs;
