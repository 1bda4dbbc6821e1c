import { workers } from "../wiring/worker.ts";

/** Jobs queue → the plugin that handles each job; failed records are retried, then dead-lettered. */
export const handler = workers.jobs;
