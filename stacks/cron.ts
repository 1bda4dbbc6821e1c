import { workerFunction } from "./queues.ts";

// The scheduled-function slot: tier migration and retention jobs join here as CronV2s.
export const healthCron = new sst.aws.CronV2("HealthCron", {
  schedule: "rate(5 minutes)",
  job: workerFunction("functions/cron/health.handler"),
});

/** The Lambda the health schedule invokes. */
export const healthFunction = healthCron.nodes.function;
