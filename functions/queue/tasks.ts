import { composeLambdaWorker } from "@megawatts/runtime/lambda";
import { schedulerResources, workerDeployment } from "../linked/worker.ts";

/** Tasks queue → scheduled tasks (recurring and one-shot) of every plugin, each run once. */
export const handler = composeLambdaWorker(workerDeployment(), "tasks", schedulerResources()).jobs;
