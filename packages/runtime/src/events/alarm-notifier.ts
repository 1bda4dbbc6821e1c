import type { Logger } from "@megawatts/core";
import { createDiscordRest } from "@megawatts/discord/rest";
import type { SNSEvent } from "aws-lambda";
import { z } from "zod";

/** The fields of a CloudWatch alarm's SNS notification that the Discord message shows. */
const AlarmNotification = z.object({
  AlarmName: z.string(),
  AlarmDescription: z.string().nullish(),
  NewStateValue: z.enum(["ALARM", "OK", "INSUFFICIENT_DATA"]),
  OldStateValue: z.string().optional(),
  NewStateReason: z.string(),
  StateChangeTime: z.string(),
});

export type AlarmNotification = z.infer<typeof AlarmNotification>;

const LOOK = {
  ALARM: { icon: "🔴", color: 0xd83c3e },
  OK: { icon: "🟢", color: 0x2d7d46 },
  INSUFFICIENT_DATA: { icon: "⚪", color: 0x99aab5 },
} as const;

/**
 * The Discord message for one alarm's change of state: its state, what it means (the alarm's
 * description, which says where to look), why it changed, and links to the alarm and the
 * dashboard. Mentions nobody.
 *
 * @example
 * alarmMessage(notification, { dashboardUrl, region: "us-east-1" });
 */
export function alarmMessage(alarm: AlarmNotification, links: { dashboardUrl: string; region: string }) {
  const { icon, color } = LOOK[alarm.NewStateValue];
  const console = `https://${links.region}.console.aws.amazon.com/cloudwatch/home?region=${links.region}`;
  const alarmUrl = `${console}#alarmsV2:alarm/${encodeURIComponent(alarm.AlarmName)}`;
  return {
    content: `${icon} **${alarm.NewStateValue}** ${alarm.AlarmName}`,
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: alarm.AlarmName.slice(0, 256),
        url: alarmUrl,
        color,
        description: (alarm.AlarmDescription || "No description.").slice(0, 2048),
        fields: [
          { name: "State", value: `${alarm.OldStateValue ?? "?"} → ${alarm.NewStateValue}`, inline: true },
          { name: "Since", value: alarm.StateChangeTime, inline: true },
          { name: "Why", value: alarm.NewStateReason.slice(0, 1024) },
          { name: "Dashboard", value: links.dashboardUrl },
        ],
      },
    ],
  };
}

/** `https://discord.com/api/webhooks/{id}/{token}` → the REST base, the webhook's id and token. */
function parseWebhookUrl(url: string) {
  const found = /^(https?:\/\/.+?)\/webhooks\/(\d+)\/([\w-]+)\/?$/.exec(url);
  if (!found?.[1] || !found[2] || !found[3])
    throw new Error("AlarmWebhookUrl is not a Discord webhook URL (…/api/webhooks/{id}/{token})");
  return { apiUrl: found[1], id: found[2], token: found[3] };
}

export interface AlarmNotifierOptions {
  /** A Discord channel webhook; empty means "not set up", and notifications are only logged. */
  webhookUrl: string;
  dashboardUrl: string;
  region: string;
  logger: Logger;
}

/**
 * An SNS handler that posts each CloudWatch alarm notification to a Discord channel through a
 * webhook (through `@discordjs/rest`, which waits out rate limits and retries 5xx). A message
 * that is not an alarm is logged and skipped; a failed post throws, so SNS retries it.
 *
 * @example
 * export const handler = createAlarmNotifier({ webhookUrl, dashboardUrl, region, logger });
 */
export function createAlarmNotifier(options: AlarmNotifierOptions) {
  const webhook = options.webhookUrl ? parseWebhookUrl(options.webhookUrl) : undefined;
  const rest = webhook ? createDiscordRest({ apiUrl: webhook.apiUrl }) : undefined;
  return async (event: SNSEvent): Promise<void> => {
    for (const record of event.Records) {
      let alarm: AlarmNotification;
      try {
        alarm = AlarmNotification.parse(JSON.parse(record.Sns.Message));
      } catch (error) {
        options.logger.warn("alarm.unreadable", { messageId: record.Sns.MessageId, error });
        continue;
      }
      options.logger.info("alarm.changed", { alarm: alarm.AlarmName, state: alarm.NewStateValue });
      if (!rest || !webhook) continue;
      const body = alarmMessage(alarm, { dashboardUrl: options.dashboardUrl, region: options.region });
      await rest.post(`/webhooks/${webhook.id}/${webhook.token}`, { body, auth: false });
    }
  };
}
