import { composeLambdaWorker } from "@megawatts/runtime/lambda";
import { workerDeployment } from "../linked/worker.ts";

/** Tasks dead-letter queue → log each task that failed every retry (alarms watch the log and the depth). */
export const handler = composeLambdaWorker(workerDeployment(), "tasks").deadLetters;
