import type { Reply } from "@megawatts/core";
import { PERMISSION_BITS } from "@megawatts/discord/permissions";
import type {
  APIInteraction,
  APIMessage,
  APIMessageApplicationCommandInteractionData,
  APIModalSubmitInteraction,
} from "discord-api-types/v10";
import { actorOf, holds, refusal } from "./interaction.ts";
import type { DecisionPayload, ReportPayload } from "./payloads.ts";

const DECISIONS = ["warn", "timeout", "delete", "dismiss"] as const;

/** *Report message*: a modal asking for a short reason; the reported message's ids ride in its custom id. */
export function reportModal(interaction: APIInteraction): Reply {
  const data = interaction.data as APIMessageApplicationCommandInteractionData;
  const message = data.resolved.messages[data.target_id];
  if (!interaction.guild_id || !message) return refusal("Reports work only on messages inside a server.");
  return {
    type: "modal",
    modal: {
      custom_id: `moderation:report:${message.channel_id}:${message.id}:${message.author.id}`,
      title: "Report message",
      components: [
        {
          type: 1,
          components: [
            {
              type: 4,
              custom_id: "reason",
              label: "What is wrong with it?",
              style: 2,
              min_length: 3,
              max_length: 300,
              required: true,
            },
          ],
        },
      ],
    },
  };
}

/** The modal's answer: defers the report to the worker. */
export function submitReport(interaction: APIInteraction, args: string[]): Reply {
  const actor = actorOf(interaction);
  if ("type" in actor) return actor;
  const [channelId = "", messageId = "", authorId = ""] = args;
  const submitted = interaction as APIModalSubmitInteraction;
  const reason =
    submitted.data.components
      .flatMap((row) => ("components" in row ? row.components : []))
      .find((input) => input.custom_id === "reason")?.value ?? "";
  const payload: ReportPayload = { actor, channelId, messageId, authorId, reason };
  // The report is about the message's author, as the case it becomes: sealed for them in flight.
  return {
    type: "defer",
    ephemeral: true,
    job: { kind: "moderation.report", payload, sealFor: authorId || actor.userId },
  };
}

/** A report's button: moderators only (Timeout Members); the worker checks each action's own permission again. */
export function decision(interaction: APIInteraction, args: string[]): Reply {
  if (!holds(interaction, PERMISSION_BITS.ModerateMembers))
    return refusal("Only moderators (Timeout Members) can handle reports.");
  const actor = actorOf(interaction);
  if ("type" in actor) return actor;
  const [choice = "", channelId = "", messageId = "", authorId = ""] = args;
  const picked = DECISIONS.find((candidate) => candidate === choice);
  if (!picked) return refusal("That is not a decision I know.");
  const report = (interaction as { message?: APIMessage }).message;
  const fields = report?.embeds[0]?.fields ?? [];
  const field = (name: string) => fields.find((candidate) => candidate.name === name)?.value ?? "";
  const payload: DecisionPayload & { embeds: unknown[] } = {
    actor,
    decision: picked,
    channelId,
    messageId,
    authorId,
    reporterId: /<@(\d+)>/.exec(field("Reported by"))?.[1] ?? "",
    reportReason: field("Reason"),
    embeds: report?.embeds ?? [],
  };
  return { type: "defer", job: { kind: "moderation.decide", payload } };
}
