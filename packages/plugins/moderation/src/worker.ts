import { defineWorkerPlugin } from "@megawatts/core";
import { createModerationHandlers } from "./jobs.ts";
import { manifest } from "./manifest.ts";

/**
 * The worker half: actions through the tool executor, cases in the data layer (warm, and cold
 * after 180 days), unbans on the scheduler.
 */
export const moderationWorker = defineWorkerPlugin({
  manifest,
  needs: ["serverTools", "data", "envelope", "clock", "scheduler", "cache"],
  create: ({ serverTools, data, envelope, clock, scheduler, cache }) =>
    createModerationHandlers({
      executor: serverTools.executor,
      data,
      envelope,
      clock,
      scheduler,
      cache,
    }),
});
