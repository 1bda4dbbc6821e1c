import { githubWebhookFunction, ingressFunction } from "./api.ts";
import {
  jobsDeadLetterQueue,
  jobsSubscriber,
  selfEditDeadLetterQueue,
  selfEditSubscriber,
  tasksDeadLetterQueue,
  tasksSubscriber,
} from "./queues.ts";

/** Every alarm notifies this topic; subscribe an email address or a chat integration to it. */
export const alarmTopic = new sst.aws.SnsTopic("AlarmTopic");

const FIVE_MINUTES = 300;

function alarm(name: string, args: Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions">) {
  return new aws.cloudwatch.MetricAlarm(name, {
    name: `${$app.name}-${$app.stage}-${name}`,
    treatMissingData: "notBreaching",
    alarmActions: [alarmTopic.arn],
    okActions: [alarmTopic.arn],
    ...args,
  });
}

function deadLetterDepthAlarm(name: string, queue: sst.aws.Queue) {
  return alarm(name, {
    alarmDescription: "A message reached a dead-letter queue: a job failed every retry.",
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: queue.nodes.queue.name },
    statistic: "Maximum",
    period: FIVE_MINUTES,
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
  });
}

function functionErrorsAlarm(name: string, functionName: $util.Input<string>) {
  return alarm(name, {
    alarmDescription: "A Lambda invocation failed in the last 5 minutes.",
    namespace: "AWS/Lambda",
    metricName: "Errors",
    dimensions: { FunctionName: functionName },
    statistic: "Sum",
    period: FIVE_MINUTES,
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
  });
}

const functionNames = {
  Ingress: ingressFunction.apply((fn) => fn.name),
  JobsWorker: jobsSubscriber.apply((subscriber) => subscriber.nodes.function.name),
  TasksWorker: tasksSubscriber.apply((subscriber) => subscriber.nodes.function.name),
  SelfEditWorker: selfEditSubscriber.apply((subscriber) => subscriber.nodes.function.name),
  GithubWebhook: githubWebhookFunction.apply((fn) => fn.name),
};

// Workers send dead letters themselves, so every arrival counts in NumberOfMessagesSent and
// the alarm fires on each one, even when an operator redrives the queue empty within minutes.
function deadLetterArrivalAlarm(name: string, queue: sst.aws.Queue) {
  return alarm(name, {
    alarmDescription: "A job was dead-lettered: see its reason with `npm run dlq -- list`.",
    namespace: "AWS/SQS",
    metricName: "NumberOfMessagesSent",
    dimensions: { QueueName: queue.nodes.queue.name },
    statistic: "Sum",
    period: 60,
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
  });
}

export const deadLetterAlarms = [
  deadLetterArrivalAlarm("JobsDeadLetterArrivals", jobsDeadLetterQueue),
  deadLetterArrivalAlarm("SelfEditDeadLetterArrivals", selfEditDeadLetterQueue),
  deadLetterArrivalAlarm("TasksDeadLetterArrivals", tasksDeadLetterQueue),
  // The queue's own redrive (a crashed worker) is not counted as sent; depth still shows it.
  deadLetterDepthAlarm("JobsDeadLetterDepth", jobsDeadLetterQueue),
  deadLetterDepthAlarm("SelfEditDeadLetterDepth", selfEditDeadLetterQueue),
  deadLetterDepthAlarm("TasksDeadLetterDepth", tasksDeadLetterQueue),
];

export const errorAlarms = Object.entries(functionNames).map(([name, functionName]) =>
  functionErrorsAlarm(`${name}Errors`, functionName),
);

// Discord drops an interaction after 3 seconds; a slow p99 is the early warning.
export const ingressLatencyAlarm = alarm("IngressLatencyP99", {
  alarmDescription: "Ingress p99 duration is above 2.5 s, close to Discord's 3 s deadline.",
  namespace: "AWS/Lambda",
  metricName: "Duration",
  dimensions: { FunctionName: functionNames.Ingress },
  extendedStatistic: "p99",
  period: FIVE_MINUTES,
  evaluationPeriods: 1,
  comparisonOperator: "GreaterThanThreshold",
  threshold: 2500,
});
