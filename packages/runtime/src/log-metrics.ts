/**
 * Metrics CloudWatch derives from the lines a Lambda function already logs, through a metric
 * filter on its log group (`stacks/monitoring.ts`), instead of an EMF line of their own. The
 * ingress logs `interaction.answered` for every interaction, with the ack time and the
 * interaction's type, so a PING costs one line rather than a log line and a metric line.
 * Other runtimes (the local bot's Prometheus endpoint, the tests) record these like any metric.
 *
 * Each entry: the log line's `message`, the field that carries the value and its unit, and each
 * dimension with the field it comes from (a metric filter takes at most three; `service` and
 * `component` are on every line, as they are on the EMF lines).
 */
export const metricsFromLogLines = {
  "interaction.ack": {
    message: "interaction.answered",
    value: "ackMs",
    unit: "Milliseconds",
    dimensions: { service: "service", component: "component", type: "interactionType" },
  },
} as const;

export type LogLineMetric = keyof typeof metricsFromLogLines;

/** Whether `name` is a metric CloudWatch derives from a log line. */
export const isFromLogLines = (name: string): name is LogLineMetric =>
  Object.hasOwn(metricsFromLogLines, name);

/**
 * The metric filter's pattern for one metric: its log line's message, and every field the metric
 * reads present (a metric filter may only read fields its pattern names).
 *
 * @example
 * filterPattern("interaction.ack") // '{ $.message = "interaction.answered" && $.ackMs = * && … }'
 */
export function filterPattern(name: LogLineMetric): string {
  const metric = metricsFromLogLines[name];
  const fields = [metric.value, ...Object.values(metric.dimensions)].map((field) => `$.${field} = *`);
  return `{ ${[`$.message = "${metric.message}"`, ...fields].join(" && ")} }`;
}
