import { composeLambdaSelfEdit } from "@megawatts/runtime/lambda";
import { selfEditResources } from "../linked/selfedit.ts";

/** Self-edit dead-letter queue → tell the maintainer the request failed, with a reference id. */
export const handler = composeLambdaSelfEdit(selfEditResources()).deadLetters;
