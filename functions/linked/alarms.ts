import { Resource } from "sst/resource";

/** What the alarm notifier is linked to: the Discord webhook secret, and the dashboard's address. */
export function alarmNotifierResources() {
  return {
    webhookUrl: Resource.AlarmWebhookUrl.value,
    dashboardUrl: process.env.DASHBOARD_URL ?? "",
    region: process.env.AWS_REGION ?? "us-east-1",
  };
}
