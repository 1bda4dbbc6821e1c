import { selfEditWorkers } from "../wiring/selfedit-worker.ts";

/** Self-edit FIFO queue → the pipeline (model, validation, pull requests), one job per repository at a time. */
export const handler = selfEditWorkers.jobs;
