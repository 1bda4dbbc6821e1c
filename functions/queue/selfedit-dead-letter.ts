import { selfEditWorkers } from "../wiring/selfedit-worker.ts";

/** Self-edit dead-letter queue → tell the maintainer the request failed, with a reference id. */
export const handler = selfEditWorkers.deadLetters;
