import { defineWorkerPlugin } from "@megawatts/core";
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
 * createJobRegistry([pipeline], { warm, envelope });
 */
export function createSelfEditPipeline(deps: PipelineDeps) {
  return defineWorkerPlugin({
    manifest,
    needs: ["warm", "envelope"],
    create: ({ warm, envelope }) => {
      const run = { ...deps, data: warm, envelope };
      return {
        jobs: {
          "selfedit.request": (context) => requestJob(run, context),
          "selfedit.approve": (context) => approveJob(run, context),
          "selfedit.discard": (context) => discardJob(run, context),
          "selfedit.revert": (context) => revertJob(run, context),
        },
      };
    },
  });
}
