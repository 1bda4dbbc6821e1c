// EventBridge Scheduler: one schedule group for every schedule of this stage (one-shot tasks
// that plugins create at run time, recurring tasks declared in plugin manifests), and the role
// the service assumes to deliver them. Schedules send to the tasks queue; see stacks/schedules.ts.

const account = aws.getCallerIdentityOutput({}).accountId;
const region = aws.getRegionOutput({}).region;

export const scheduleGroup = new aws.scheduler.ScheduleGroup("Schedules", {
  name: `${$app.name}-${$app.stage}-schedules`,
});

// Only EventBridge Scheduler may assume the role, and only for schedules of this group
// (the confused-deputy guard: another account's or group's schedule cannot borrow it).
export const schedulerRole = new aws.iam.Role("SchedulerRole", {
  description: `${$app.name} ${$app.stage}: EventBridge Scheduler sends due tasks to the tasks queue`,
  assumeRolePolicy: aws.iam.getPolicyDocumentOutput({
    statements: [
      {
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["scheduler.amazonaws.com"] }],
        conditions: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [account] },
          { test: "ArnEquals", variable: "aws:SourceArn", values: [scheduleGroup.arn] },
        ],
      },
    ],
  }).json,
});

/**
 * Lets the scheduler role send to one queue (`sqs:SendMessage`, nothing else), and builds the
 * link a worker needs to manage one-shot schedules: create, read and delete schedules whose
 * names start with `g` (one-shot names are `g<guild>-<id>`; recurring ones are not theirs to
 * touch) in this group only, list the group, and pass the scheduler role to the service only.
 */
export function schedulingFor(queue: sst.aws.Queue) {
  const sendPolicy = new aws.iam.RolePolicy("SchedulerRoleSendToTasks", {
    role: schedulerRole.id,
    policy: aws.iam.getPolicyDocumentOutput({
      statements: [{ actions: ["sqs:SendMessage"], resources: [queue.arn] }],
    }).json,
  });
  const oneShotSchedules = $interpolate`arn:aws:scheduler:${region}:${account}:schedule/${scheduleGroup.name}/g*`;
  const link = new sst.Linkable("Scheduler", {
    properties: { groupName: scheduleGroup.name, roleArn: schedulerRole.arn, queueArn: queue.arn },
    include: [
      sst.aws.permission({
        actions: ["scheduler:CreateSchedule", "scheduler:GetSchedule", "scheduler:DeleteSchedule"],
        resources: [oneShotSchedules],
      }),
      // ListSchedules has no resource-level permissions; the adapter always names the group.
      sst.aws.permission({ actions: ["scheduler:ListSchedules"], resources: ["*"] }),
      sst.aws.permission({
        actions: ["iam:PassRole"],
        resources: [schedulerRole.arn],
        conditions: [
          { test: "StringEquals", variable: "iam:PassedToService", values: ["scheduler.amazonaws.com"] },
        ],
      }),
    ],
  });
  return { link, sendPolicy };
}
