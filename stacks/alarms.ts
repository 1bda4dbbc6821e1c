import { githubWebhookFunction, ingressFunction } from "./api.ts";
import {
  deadLetterSubscriber,
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
  DeadLetterWorker: deadLetterSubscriber.apply((subscriber) => subscriber.nodes.function.name),
  TasksWorker: tasksSubscriber.apply((subscriber) => subscriber.nodes.function.name),
  SelfEditWorker: selfEditSubscriber.apply((subscriber) => subscriber.nodes.function.name),
  GithubWebhook: githubWebhookFunction.apply((fn) => fn.name),
};

export const deadLetterAlarms = [
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
