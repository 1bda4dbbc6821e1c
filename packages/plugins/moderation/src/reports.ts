import type { JobContext, ResponderMessage } from "@megawatts/core";
import { runAction } from "./actions.ts";
import type { NewCase } from "./cases/case.ts";
import type { ModerationDeps } from "./deps.ts";
import { botActor } from "./mod-log.ts";
import type { DecisionPayload, ReportPayload } from "./payloads.ts";
import { recordCase } from "./record.ts";
import { refusalMessage, textMessage } from "./render.ts";
import { loadSettings } from "./settings.ts";
import { countUse } from "./stats.ts";

const NO_PINGS = { parse: [] as [] };
const DECISIONS = [
  ["warn", "Warn", 1],
  ["timeout", "Timeout 1h", 1],
  ["delete", "Delete message", 4],
  ["dismiss", "Dismiss", 2],
] as const;

export const messageLink = (guild: string, channel: string, message: string) =>
  `https://discord.com/channels/${guild}/${channel}/${message}`;

/** The report as moderators see it in the reports channel, with its four buttons. */
function reportMessage(report: ReportPayload & { excerpt: string }) {
  const link = messageLink(report.actor.guildId, report.channelId, report.messageId);
  const ids = `${report.channelId}:${report.messageId}:${report.authorId}`;
  return {
    embeds: [
      {
        title: "Reported message",
        color: 0xe67e22,
        description: report.excerpt ? report.excerpt.slice(0, 1000) : "*no text*",
        fields: [
          { name: "Author", value: `<@${report.authorId}>`, inline: true },
          { name: "Reported by", value: `<@${report.actor.userId}>`, inline: true },
          { name: "Reason", value: report.reason },
          { name: "Message", value: link },
        ],
      },
    ],
    components: [
      {
        type: 1,
        components: DECISIONS.map(([decision, label, style]) => ({
          type: 2,
          style,
          label,
          custom_id: `moderation:decide:${decision}:${ids}`,
        })),
      },
    ],
  };
}

/**
 * *Report message*: posts the report to the server's reports channel as the bot, with Warn,
 * Timeout 1h, Delete message and Dismiss buttons for moderators, and tells the reporter.
 */
export async function fileReport(deps: ModerationDeps, context: JobContext): Promise<void> {
  const payload = context.payload as ReportPayload;
  const { guildId, botUserId } = payload.actor;
  await countUse(deps, guildId, "command.report");
  const { reportsChannelId } = await loadSettings(deps.data, guildId);
  if (!reportsChannelId)
    return context.reply(
      textMessage(
        "This server has no reports channel yet, so I could not pass your report on. Please tell a moderator.",
      ),
    );
  // The moderators see what was reported even once it is deleted: the bot reads it now.
  const read = await deps.executor.execute({
    tool: "message_get",
    params: { channelId: payload.channelId, messageId: payload.messageId },
    actor: botActor(guildId, botUserId, payload.channelId),
    reference: context.job.id,
  });
  const excerpt = read.ok ? String((read.result.data as { content?: string }).content ?? "") : "";
  const outcome = await deps.executor.execute({
    tool: "message_send",
    params: { channelId: reportsChannelId, ...reportMessage({ ...payload, excerpt }) },
    actor: botActor(guildId, botUserId, reportsChannelId),
    reason: "member report",
    reference: context.job.id,
  });
  if (!outcome.ok) return context.reply(refusalMessage(outcome.refusal));
  await context.reply(textMessage("✅ Thank you: your report was sent to the moderators."));
}

/** The report message once handled: the same embed, who handled it and how, no buttons. */
function handled(original: DecisionPayload & { embeds: unknown[] }, line: string): ResponderMessage {
  const [embed] = original.embeds as { fields?: { name: string; value: string }[] }[];
  return {
    embeds: [
      { ...embed, color: 0x2ecc71, fields: [...(embed?.fields ?? []), { name: "Handled", value: line }] },
    ] as never,
    components: [],
    allowed_mentions: NO_PINGS,
  };
}

/**
 * A moderator's button on a report: the action through the tool framework as that moderator
 * (their permissions and the hierarchy checked now), recorded on a case, and the report message
 * edited to show who handled it. A refusal goes to the moderator alone; the report stays open.
 */
export async function decideReport(deps: ModerationDeps, context: JobContext): Promise<void> {
  const payload = context.payload as DecisionPayload & { embeds: unknown[] };
  const { actor, authorId, channelId, messageId } = payload;
  const link = messageLink(actor.guildId, channelId, messageId);
  const evidence = { reportedBy: payload.reporterId, report: payload.reportReason, message: link };
  const reason = `Reported message: ${payload.reportReason}`.slice(0, 500);
  let answer: ResponderMessage | undefined;
  const quiet = {
    ...context,
    reply: async (message: ResponderMessage) => {
      answer = message;
    },
  };
  let number: number | undefined;
  if (payload.decision === "warn" || payload.decision === "timeout") {
    number = await runAction(
      deps,
      quiet,
      {
        actor,
        action: payload.decision,
        targetId: authorId,
        reason,
        ...(payload.decision === "timeout" ? { minutes: 60 } : {}),
      },
      { source: "report", evidence, links: [link] },
    );
  } else {
    if (payload.decision === "delete") {
      const outcome = await deps.executor.execute({
        tool: "message_delete",
        params: { channelId, messageId },
        actor,
        reason: "reported message",
        reference: context.job.id,
      });
      if (!outcome.ok) answer = refusalMessage(outcome.refusal);
    }
    if (!answer) {
      const action = payload.decision === "delete" ? "delete-message" : "dismiss";
      const input: NewCase = {
        action,
        targetId: authorId,
        channelId,
        moderatorId: actor.userId,
        source: "report",
        reason,
        evidence,
        links: [link],
      };
      number = (await recordCase(deps, actor.guildId, actor.botUserId, input, context.job.id)).record.number;
    }
  }
  if (number === undefined)
    return context.followUp({ ...(answer ?? textMessage("Nothing was done.")), flags: 64 });
  const verb = {
    warn: "warned the author",
    timeout: "timed the author out for 1 hour",
    delete: "deleted the message",
    dismiss: "dismissed the report",
  };
  await context.reply(handled(payload, `<@${actor.userId}> ${verb[payload.decision]} (case #${number}).`));
}
