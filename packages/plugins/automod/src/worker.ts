import { defineWorkerPlugin } from "@megawatts/core";
import { createAutomodJobs } from "./jobs.ts";
import { manifest } from "./manifest.ts";

/** The worker half: lists, creates and removes AutoMod rules through the tools. */
export const automodWorker = defineWorkerPlugin({
  manifest,
  needs: ["serverTools"],
  create: ({ serverTools }) => ({ jobs: createAutomodJobs(serverTools.executor) }),
});
