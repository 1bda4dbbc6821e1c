import { composeLambdaWorker } from "@megawatts/runtime/lambda";
import { tasksWorkerResources } from "../linked/worker.ts";

/** Tasks queue → scheduled tasks (recurring and one-shot) of every plugin, each run once. */
export const handler = composeLambdaWorker("tasks", tasksWorkerResources()).jobs;
