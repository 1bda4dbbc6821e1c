import { alarmTopic } from "./alarms.ts";
import { linksOf } from "./links.ts";
import { memoryOf } from "./memory.ts";
import { cloudwatchDashboardUrl } from "./monitoring.ts";
import { activeTracing, bundleFor, LAMBDA_RUNTIME } from "./runtime.ts";
import { alarmWebhookUrl } from "./secrets.ts";

/**
 * Posts every alarm's change of state to a Discord channel through the `AlarmWebhookUrl`
 * webhook, besides the SNS topic's other subscribers. It reads the secret and nothing else.
 */
export const alarmNotifier = alarmTopic.subscribe("AlarmNotifier", {
  handler: "functions/sns/alarm-notifier.handler",
  runtime: LAMBDA_RUNTIME,
  architecture: "arm64",
  memory: memoryOf("alarmNotifier"),
  timeout: "30 seconds",
  logging: { retention: "1 month", format: "json" },
  nodejs: bundleFor(),
  link: linksOf("alarmNotifier", { AlarmWebhookUrl: alarmWebhookUrl }),
  environment: { DASHBOARD_URL: cloudwatchDashboardUrl },
  ...activeTracing,
});
