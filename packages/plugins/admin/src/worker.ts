import { defineWorkerPlugin } from "@megawatts/core";
import { createAdminJobs } from "./jobs.ts";
import { manifest } from "./manifest.ts";

/** The worker half: runs the tools, keeps pending plans in the hot tier, and plans `/do` with the model. */
export const adminWorker = defineWorkerPlugin({
  manifest,
  needs: ["serverTools", "cache", "envelope"],
  create: ({ serverTools, cache, envelope }) => ({
    jobs: createAdminJobs({
      executor: serverTools.executor,
      pending: cache,
      envelope,
      ...(serverTools.chat ? { chat: serverTools.chat } : {}),
    }),
  }),
});
