import { type DiscordSink, startDiscordSink } from "@megawatts/local";
import { createAlarmNotifier } from "@megawatts/runtime/alarm-notifier";
import { RecordingLogger } from "@megawatts/testing/fakes";
import type { SNSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let sink: DiscordSink;
const DASHBOARD =
  "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/megawatts-prod";

/** An SNS delivery of one message, as the alarm topic hands it to its subscriber. */
function snsEvent(message: unknown): SNSEvent {
  return {
    Records: [
      {
        EventSource: "aws:sns",
        EventVersion: "1.0",
        EventSubscriptionArn: "arn:aws:sns:us-east-1:000000000000:AlarmTopic:sub",
        Sns: {
          Type: "Notification",
          MessageId: "5f1d3c1e-0000-4000-8000-000000000001",
          TopicArn: "arn:aws:sns:us-east-1:000000000000:AlarmTopic",
          Subject: "ALARM",
          Message: typeof message === "string" ? message : JSON.stringify(message),
          Timestamp: "2026-12-07T04:30:00.000Z",
          SignatureVersion: "1",
          Signature: "",
          SigningCertUrl: "",
          UnsubscribeUrl: "",
          MessageAttributes: {},
        },
      },
    ],
  };
}

// Trimmed from a real CloudWatch alarm notification.
const alarm = {
  AlarmName: "megawatts-prod-DependencyDown",
  AlarmDescription: "The health check saw a dependency down. /status names it; see docs/operations.md.",
  AWSAccountId: "000000000000",
  NewStateValue: "ALARM",
  NewStateReason:
    "Threshold Crossed: 1 datapoint [0.0 (07/12/26 04:25:00)] was less than the threshold (1.0).",
  StateChangeTime: "2026-12-07T04:30:00.000+0000",
  Region: "US East (N. Virginia)",
  OldStateValue: "OK",
  Trigger: { Period: 300, EvaluationPeriods: 1, ComparisonOperator: "LessThanThreshold", Threshold: 1 },
};

beforeAll(async () => {
  sink = await startDiscordSink();
});

afterAll(async () => {
  await sink?.close();
});

describe("the alarm notifier", () => {
  it("posts an alarm's state, meaning, reason and dashboard link to the Discord webhook", async () => {
    const notify = createAlarmNotifier({
      webhookUrl: `${sink.url}/webhooks/1200000000000000001/alarm-webhook-token`,
      dashboardUrl: DASHBOARD,
      region: "us-east-1",
      logger: new RecordingLogger(),
    });

    await notify(snsEvent(alarm));

    const [posted] = sink.events("alarm-webhook-token");
    expect(posted?.method).toBe("POST");
    expect(posted?.status).toBe(204);
    const body = posted?.body as {
      content: string;
      allowed_mentions: unknown;
      embeds: {
        title: string;
        url: string;
        description: string;
        fields: { name: string; value: string }[];
      }[];
    };
    expect(body.content).toBe("🔴 **ALARM** megawatts-prod-DependencyDown");
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const [embed] = body.embeds;
    expect(embed?.description).toBe(alarm.AlarmDescription);
    expect(embed?.url).toBe(
      "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/megawatts-prod-DependencyDown",
    );
    const field = (name: string) => embed?.fields.find((candidate) => candidate.name === name)?.value;
    expect(field("State")).toBe("OK → ALARM");
    expect(field("Why")).toBe(alarm.NewStateReason);
    expect(field("Dashboard")).toBe(DASHBOARD);
  });

  it("logs and skips a message that is not an alarm, posting nothing", async () => {
    const logger = new RecordingLogger();
    const notify = createAlarmNotifier({
      webhookUrl: `${sink.url}/webhooks/1200000000000000002/other-token`,
      dashboardUrl: DASHBOARD,
      region: "us-east-1",
      logger,
    });

    await notify(snsEvent("not json"));

    expect(sink.events("other-token")).toEqual([]);
    expect(logger.lines.map((line) => line.message)).toEqual(["alarm.unreadable"]);
  });

  it("refuses a webhook URL that is not Discord's shape, naming the secret", () => {
    const build = () =>
      createAlarmNotifier({
        webhookUrl: "https://example.com/hook",
        dashboardUrl: DASHBOARD,
        region: "us-east-1",
        logger: new RecordingLogger(),
      });

    expect(build).toThrow(/AlarmWebhookUrl is not a Discord webhook URL/);
  });
});
