import { composeLambdaWorker } from "@megawatts/runtime/lambda";
import { workerDeployment } from "../linked/worker.ts";

/** Jobs dead-letter queue → tell each user their request failed, with a reference id. */
export const handler = composeLambdaWorker(workerDeployment(), "jobs").deadLetters;
