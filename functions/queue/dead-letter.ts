import { workers } from "../wiring/worker.ts";

/** Jobs dead-letter queue → tell each user their request failed, with a reference id. */
export const handler = workers.deadLetters;
