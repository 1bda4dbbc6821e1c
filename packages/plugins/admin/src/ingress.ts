import { type IngressPlugin, type Reply, toolActor, VisibleError } from "@megawatts/core";
import type { APIApplicationCommandInteractionDataOption, APIInteraction } from "discord-api-types/v10";
import { manifest } from "./manifest.ts";
import type { CommandPayload, ConfirmPayload } from "./payloads.ts";

type OptionValue = string | number | boolean;

/** The subcommand and its option values (users, roles and channels as ids). */
function flatten(options: readonly APIApplicationCommandInteractionDataOption[] = []) {
  const [first] = options;
  const leaf = first && "options" in first && (first.type === 1 || first.type === 2) ? first : undefined;
  const values: Record<string, OptionValue> = {};
  for (const option of leaf ? (leaf.options ?? []) : options)
    if ("value" in option && option.value !== undefined) values[option.name] = option.value as OptionValue;
  return { subcommand: leaf?.name ?? "", options: values };
}

const refusal = (content: string): Reply => ({
  type: "message",
  ephemeral: true,
  message: { content, allowed_mentions: { parse: [] } },
});

// Tool arguments are the member's words (a message to send, a reason, a `/do` request).
function defer(kind: string, payload: CommandPayload): Reply {
  return { type: "defer", ephemeral: true, job: { kind, payload, sealFor: payload.actor.userId } };
}

function runCommand(interaction: APIInteraction & { data?: unknown }): Reply {
  let actor: ReturnType<typeof toolActor>;
  try {
    actor = toolActor(interaction);
  } catch (error) {
    return refusal(error instanceof VisibleError ? error.message : "This works only inside a server.");
  }
  const data = interaction.data as { name: string; options?: APIApplicationCommandInteractionDataOption[] };
  const payload: CommandPayload = { actor, command: data.name, ...flatten(data.options) };
  return defer(data.name === "do" ? "admin.do" : "admin.run", payload);
}

/**
 * A Confirm, Run all or Cancel button: only the member who asked may press it (the id names
 * them; the worker checks again against what it stored and re-runs every permission check).
 */
function decide(kind: "admin.confirm" | "admin.cancel", interaction: APIInteraction, args: string[]): Reply {
  const [pendingId = "", invokerId = ""] = args;
  const clicker = interaction.member?.user.id ?? interaction.user?.id;
  if (clicker !== invokerId)
    return refusal(`Only <@${invokerId}>, who asked for this, can confirm or cancel it.`);
  if (!interaction.guild_id || !interaction.member) return refusal("This works only inside a server.");
  const payload: ConfirmPayload = { pendingId, actor: toolActor(interaction) };
  return { type: "defer", job: { kind, payload } };
}

/** The ingress half: every command defers to the worker; buttons are checked for the invoker first. */
export const adminIngress: IngressPlugin = {
  manifest,
  commands: Object.fromEntries(
    manifest.commands.map((definition) => [
      definition.name,
      { run: ({ interaction }) => runCommand(interaction) },
    ]),
  ),
  components: {
    confirm: { run: ({ interaction, args }) => decide("admin.confirm", interaction, args) },
    cancel: { run: ({ interaction, args }) => decide("admin.cancel", interaction, args) },
  },
};
