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

/** Every function by the name the dashboard and the alarms show. */
export const functionNames = {
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

// Anomaly detection learns each metric's usual band (by hour and weekday) and alarms when it
// leaves it upward: a slow or failing ingress is caught before it reaches the fixed thresholds.
function anomalyAlarm(
  name: string,
  description: string,
  queries: aws.types.input.cloudwatch.MetricAlarmMetricQuery[],
  watched: string,
) {
  return alarm(name, {
    alarmDescription: description,
    comparisonOperator: "GreaterThanUpperThreshold",
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    thresholdMetricId: "band",
    metricQueries: [
      ...queries,
      {
        id: "band",
        expression: `ANOMALY_DETECTION_BAND(${watched}, 2)`,
        label: "expected",
        returnData: true,
      },
    ],
  });
}

const ingressMetric = (id: string, metricName: string, stat: string, returnData: boolean) => ({
  id,
  returnData,
  metric: {
    namespace: "AWS/Lambda",
    metricName,
    dimensions: { FunctionName: functionNames.Ingress },
    stat,
    period: FIVE_MINUTES,
  },
});

export const anomalyAlarms = [
  anomalyAlarm(
    "IngressLatencyAnomaly",
    "Ingress p99 latency is above its usual band. Look at the dashboard's ack latency and a slow trace in X-Ray (docs/operations.md, Observability).",
    [ingressMetric("p99", "Duration", "p99", true)],
    "p99",
  ),
  anomalyAlarm(
    "IngressErrorRateAnomaly",
    "The ingress fails more often than usual. Its log lines with level ERROR name the reference ids users were shown.",
    [
      ingressMetric("errors", "Errors", "Sum", false),
      ingressMetric("calls", "Invocations", "Sum", false),
      { id: "rate", expression: "100 * errors / MAX([calls, 1])", label: "error rate (%)", returnData: true },
    ],
    "rate",
  ),
];

// The health task publishes dependency.up (1 or 0) per dependency every 5 minutes; one Metrics
// Insights query covers every dependency, whatever its name.
export const dependencyDownAlarm = alarm("DependencyDown", {
  alarmDescription:
    "The health check saw a dependency down. /status names it and when it last changed; docs/operations.md says what still works.",
  comparisonOperator: "LessThanThreshold",
  threshold: 1,
  evaluationPeriods: 1,
  metricQueries: [
    {
      id: "up",
      expression: 'SELECT MIN("dependency.up") FROM SCHEMA(megawatts, component, dependency, service)',
      period: FIVE_MINUTES,
      returnData: true,
    },
  ],
});

const tiersOutcome = (outcome: string) => ({
  namespace: "megawatts",
  metricName: "task.outcome",
  dimensions: { service: "megawatts", component: "tasks", kind: "system.tiers", outcome },
  statistic: "Sum",
});

export const tiersAlarms = [
  alarm("TiersFailed", {
    alarmDescription:
      "The daily tier migration failed for a server; it is retried, then dead-lettered. See its tiers.done log line.",
    ...tiersOutcome("failed"),
    period: 3600,
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
  }),
  // The migration runs daily; two days without a finished run means the schedule or the worker is broken.
  alarm("TiersNotRun", {
    alarmDescription:
      "The tier migration has not finished for two days: check the recurring.system.tiers schedule and the tasks worker.",
    ...tiersOutcome("done"),
    period: 86_400,
    evaluationPeriods: 2,
    comparisonOperator: "LessThanThreshold",
    threshold: 1,
    treatMissingData: "breaching",
  }),
];
