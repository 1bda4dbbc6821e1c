import { composeLambdaSelfEdit } from "@megawatts/runtime/lambda";
import { selfEditResources } from "../linked/selfedit.ts";

/** Self-edit FIFO queue → the pipeline (model, validation, pull requests), one job per repository at a time. */
export const handler = composeLambdaSelfEdit(selfEditResources()).jobs;
