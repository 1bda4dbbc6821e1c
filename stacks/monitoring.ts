import {
  filterPattern,
  type LogLineMetric,
  metricsFromLogLines,
} from "../packages/runtime/src/log-metrics.ts";
import { functionNames } from "./alarms.ts";
import { ingressFunction } from "./api.ts";
import {
  jobsDeadLetterQueue,
  jobsQueue,
  selfEditDeadLetterQueue,
  selfEditQueue,
  tasksDeadLetterQueue,
  tasksQueue,
} from "./queues.ts";
import { table } from "./storage.ts";

const region = aws.getRegionOutput().region;
const FIVE_MINUTES = 300;
export const dashboardName = `${$app.name}-${$app.stage}`;

/** The CloudWatch console page of the dashboard, linked from every alarm's Discord message. */
export const cloudwatchDashboardUrl = $interpolate`https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${dashboardName}`;

// The bot's own metrics (EMF, namespace "megawatts") carry the dimensions service and component
// plus their own; SEARCH finds every series of a metric whatever its other dimensions.
const search = (metric: string, dimensions: string, stat: string, label = "") =>
  ({
    expression: `SEARCH('{megawatts,${dimensions}} MetricName="${metric}"', '${stat}', ${FIVE_MINUTES})`,
    label,
  }) as const;

type Metric = readonly unknown[];

type Expression = { expression: string; label: string; id?: string; visible?: boolean };

function widget(
  title: string,
  metrics: readonly (Metric | Expression)[],
  extra: Record<string, unknown> = {},
) {
  return {
    type: "metric",
    width: 8,
    height: 6,
    properties: {
      title,
      region,
      period: FIVE_MINUTES,
      view: "timeSeries",
      metrics: metrics.map((metric) => (Array.isArray(metric) ? metric : [metric])),
      ...extra,
    },
  };
}

const text = (markdown: string) => ({ type: "text", width: 24, height: 1, properties: { markdown } });
const lambda = (metric: string, name: $util.Input<string>, stat: string, label: string) =>
  ["AWS/Lambda", metric, "FunctionName", name, { stat, label }] as const;
const sqs = (metric: string, queue: sst.aws.Queue, label: string) =>
  ["AWS/SQS", metric, "QueueName", queue.nodes.queue.name, { stat: "Maximum", label }] as const;
const deadline = { horizontal: [{ label: "Discord's 3 s deadline", value: 3000 }] };

const widgets = [
  text("## Interaction path"),
  widget("Interactions per 5 min", [lambda("Invocations", functionNames.Ingress, "Sum", "ingress")]),
  widget(
    "Ack latency (ms)",
    [
      search("interaction.ack", "component,service,type", "p50", "p50"),
      search("interaction.ack", "component,service,type", "p99", "p99"),
    ],
    { annotations: deadline, yAxis: { left: { min: 0 } } },
  ),
  widget("Deferred job latency p99 (ms) by kind", [search("job.latency", "component,kind,service", "p99")]),
  widget("Commands by outcome", [search("command.used", "command,component,outcome,service", "Sum")]),
  widget("Jobs by outcome", [search("job.outcome", "component,kind,outcome,service", "Sum")]),
  widget("Refused and failed interactions", [
    search("interaction.failed", "component,reason,service", "Sum"),
    search("interaction.refused", "component,reason,service", "Sum"),
  ]),
  text("## Queues"),
  widget("Queue depth", [
    sqs("ApproximateNumberOfMessagesVisible", jobsQueue, "jobs"),
    sqs("ApproximateNumberOfMessagesVisible", tasksQueue, "tasks"),
    sqs("ApproximateNumberOfMessagesVisible", selfEditQueue, "self-edit"),
  ]),
  widget("Age of oldest message (s)", [
    sqs("ApproximateAgeOfOldestMessage", jobsQueue, "jobs"),
    sqs("ApproximateAgeOfOldestMessage", tasksQueue, "tasks"),
    sqs("ApproximateAgeOfOldestMessage", selfEditQueue, "self-edit"),
  ]),
  widget("Dead letters (arrivals, depth)", [
    sqs("NumberOfMessagesSent", jobsDeadLetterQueue, "jobs arrivals"),
    sqs("NumberOfMessagesSent", tasksDeadLetterQueue, "tasks arrivals"),
    sqs("NumberOfMessagesSent", selfEditDeadLetterQueue, "self-edit arrivals"),
    sqs("ApproximateNumberOfMessagesVisible", jobsDeadLetterQueue, "jobs depth"),
  ]),
  text("## Dependencies"),
  widget(
    "Up (1) or down (0), per health check",
    [search("dependency.up", "component,dependency,service", "Minimum")],
    {
      yAxis: { left: { min: 0, max: 1 } },
    },
  ),
  // Each change of a dependency's health (up to down or back) shows at the time the health task
  // saw it, over the days /status keeps its history; /status also tells degraded from up.
  widget(
    "Dependency state changes (last 3 days)",
    [
      { ...search("dependency.up", "component,dependency,service", "Minimum"), id: "up", visible: false },
      // A spike of 1 where a dependency's series changed, labelled with the dependency.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudWatch dynamic label, not a template.
      { expression: "ABS(DIFF(up))", label: "${PROP('Dim.dependency')}" },
    ],
    { start: "-P3D", yAxis: { left: { min: 0, max: 1 } } },
  ),
  widget("Health probe latency (ms)", [
    search("dependency.latency", "component,dependency,service", "Maximum"),
  ]),
  widget("Breakers open (1) or closed (0)", [search("breaker.open", "component,service", "Maximum")], {
    yAxis: { left: { min: 0, max: 1 } },
  }),
  text("## Data"),
  widget("Tier moves and deletions", [
    search("tiers.moved", "component,service", "Sum", "moved"),
    search("tiers.deleted", "component,service", "Sum", "deleted"),
  ]),
  widget("Retention policy violations", [search("data.policy.violations", "component,service", "Maximum")]),
  widget("Cache hits and misses by level", [
    search("cache.hits", "component,level,service", "Sum"),
    search("cache.misses", "component,level,service", "Sum"),
  ]),
  text("## Cost drivers (see `npm run cost` for dollars per interaction)"),
  widget(
    "Lambda GB-seconds drivers: duration sum (ms)",
    Object.entries(functionNames).map(([label, name]) => lambda("Duration", name, "Sum", label)),
  ),
  widget(
    "Lambda invocations",
    Object.entries(functionNames).map(([label, name]) => lambda("Invocations", name, "Sum", label)),
  ),
  widget("DynamoDB capacity units", [
    ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", table.name, { stat: "Sum", label: "read" }],
    ["AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", table.name, { stat: "Sum", label: "write" }],
  ]),
];

/** One picture of the bot: the interaction path, the queues, dependencies, data and cost drivers. */
export const dashboard = new aws.cloudwatch.Dashboard("Dashboard", {
  dashboardName,
  dashboardBody: $jsonStringify({ widgets }),
});

// The metrics the ingress does not write as EMF lines, derived from its log lines instead
// (packages/runtime/src/log-metrics.ts): same namespace, name, unit and dimensions.
export const logLineMetrics = (Object.keys(metricsFromLogLines) as LogLineMetric[]).map((name) => {
  const metric = metricsFromLogLines[name];
  return new aws.cloudwatch.LogMetricFilter(`IngressMetric${name.replace(/\W/g, "")}`, {
    // The log group SST creates for the function (its `logging` sets the retention).
    logGroupName: ingressFunction.apply((fn) =>
      fn.nodes.logGroup.apply((group) => group?.name ?? $interpolate`/aws/lambda/${fn.name}`),
    ),
    pattern: filterPattern(name),
    metricTransformation: {
      namespace: "megawatts",
      name,
      value: `$.${metric.value}`,
      unit: metric.unit,
      dimensions: Object.fromEntries(
        Object.entries(metric.dimensions).map(([dimension, field]) => [dimension, `$.${field}`]),
      ),
    },
  });
});
