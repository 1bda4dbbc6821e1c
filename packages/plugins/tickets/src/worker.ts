import { defineWorkerPlugin } from "@megawatts/core";
import { createTicketJobs } from "./jobs.ts";
import { manifest } from "./manifest.ts";

/** The worker half: opens and closes ticket threads through the tools, keeps records and sealed transcripts. */
export const ticketsWorker = defineWorkerPlugin({
  manifest,
  needs: ["serverTools", "data", "envelope", "clock"],
  create: ({ serverTools, data, envelope, clock }) => ({
    jobs: createTicketJobs({ executor: serverTools.executor, data, envelope, clock }),
  }),
});
