import { defineWorkerPlugin } from "@megawatts/core";
import { createAdminJobs } from "./jobs.ts";
import { manifest } from "./manifest.ts";

/** The worker half: runs the tools, keeps pending plans in the hot tier, and plans `/do` with the model. */
export const adminWorker = defineWorkerPlugin({
  manifest,
  needs: ["serverTools", "cache"],
  create: ({ serverTools, cache }) => ({
    jobs: createAdminJobs({
      executor: serverTools.executor,
      pending: cache,
      ...(serverTools.chat ? { chat: serverTools.chat } : {}),
    }),
  }),
});
