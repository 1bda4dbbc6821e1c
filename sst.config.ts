/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    return {
      name: "megawatts",
      home: "aws",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: input?.stage === "production",
      // One rule for every deploy, from a laptop or from CI: AWS_REGION, else AWS_DEFAULT_REGION,
      // else us-east-1. A profile's own region is not used, so a stage never lands elsewhere by accident.
      providers: {
        aws: {
          region: (process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || "us-east-1") as aws.Region,
        },
      },
    };
  },
  async run() {
    // Order matters only for readability: each stack imports what it depends on.
    await import("./stacks/secrets.ts");
    const storage = await import("./stacks/storage.ts");
    const queues = await import("./stacks/queues.ts");
    const { api } = await import("./stacks/api.ts");
    const { dashboardRouter } = await import("./stacks/dashboard.ts");
    const { scheduleGroup } = await import("./stacks/schedule-group.ts");
    await import("./stacks/schedules.ts");
    const { alarmTopic } = await import("./stacks/alarms.ts");
    const { cloudwatchDashboardUrl } = await import("./stacks/monitoring.ts");
    await import("./stacks/alarm-notifier.ts");

    return {
      api: api.url,
      interactionsUrl: $interpolate`${api.url}/interactions`,
      githubWebhookUrl: $interpolate`${api.url}/github`,
      dashboardUrl: dashboardRouter.url,
      dashboardRedirectUri: $interpolate`${dashboardRouter.url}/api/auth/callback`,
      jobsQueue: queues.jobsQueue.url,
      jobsDeadLetterQueue: queues.jobsDeadLetterQueue.url,
      selfEditQueue: queues.selfEditQueue.url,
      selfEditDeadLetterQueue: queues.selfEditDeadLetterQueue.url,
      tasksQueue: queues.tasksQueue.url,
      table: storage.table.name,
      bucket: storage.bucket.name,
      dataKeyAlias: storage.dataKeyAlias.name,
      alarmTopic: alarmTopic.arn,
      cloudwatchDashboard: cloudwatchDashboardUrl,
      scheduleGroup: scheduleGroup.name,
    };
  },
});
