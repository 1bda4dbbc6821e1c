import { workerFunction } from "./queues.ts";

// The scheduled-function slot: tier migration and retention jobs join here as CronV2s.
export const healthCron = new sst.aws.CronV2("HealthCron", {
  schedule: "rate(5 minutes)",
  job: workerFunction("functions/cron/health.handler"),
});

/** The Lambda the health schedule invokes. */
export const healthFunction = healthCron.nodes.function;

// Daily tier migration and retention. It works through the guilds until shortly before its
// timeout and resumes where it stopped on the next run, so it gets the longest Lambda timeout.
export const tiersCron = new sst.aws.CronV2("TiersCron", {
  schedule: "cron(15 4 * * ? *)",
  job: { ...workerFunction("functions/cron/tiers.handler"), timeout: "15 minutes" },
});

/** The Lambda the tier schedule invokes. */
export const tiersFunction = tiersCron.nodes.function;
