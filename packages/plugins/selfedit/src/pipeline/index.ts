import type { WorkerPlugin } from "@megawatts/core";
import { manifest } from "../manifest.ts";
import { approveJob, discardJob } from "./decision-jobs.ts";
import type { PipelineDeps } from "./deps.ts";
import { requestJob } from "./request-job.ts";
import { revertJob } from "./revert-job.ts";

export type { PipelineDeps } from "./deps.ts";

/**
 * The self-edit pipeline as a worker plugin, for the worker of the FIFO self-edit queue:
 * `selfedit.request` (context, model, validation rounds, proposal), `selfedit.approve` and
 * `selfedit.discard` (the buttons), and `selfedit.revert`.
 *
 * @example
 * const pipeline = createSelfEditPipeline({ chat, writer, settings: selfEditSettings(), clock: systemClock,
 *   validation: { tests: { run: false } } });
 * composeWorker({ ...parts, plugins: [pipeline] });
 */
export function createSelfEditPipeline(deps: PipelineDeps): WorkerPlugin {
  return {
    manifest,
    jobs: {
      "selfedit.request": (context) => requestJob(deps, context),
      "selfedit.approve": (context) => approveJob(deps, context),
      "selfedit.discard": (context) => discardJob(deps, context),
      "selfedit.revert": (context) => revertJob(deps, context),
    },
  };
}
