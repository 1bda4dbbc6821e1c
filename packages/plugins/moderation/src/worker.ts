import { defineWorkerPlugin } from "@megawatts/core";
import { createModerationHandlers } from "./jobs.ts";
import { manifest } from "./manifest.ts";

/** The worker half: actions through the tool executor, cases in the warm tier, unbans on the scheduler. */
export const moderationWorker = defineWorkerPlugin({
  manifest,
  needs: ["serverTools", "warm", "envelope", "clock", "scheduler", "cache"],
  create: ({ serverTools, warm, envelope, clock, scheduler, cache }) =>
    createModerationHandlers({
      executor: serverTools.executor,
      data: warm,
      envelope,
      clock,
      scheduler,
      cache,
    }),
});
