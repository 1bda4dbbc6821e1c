import { type Reply, type ToolActor, toolActor, VisibleError } from "@megawatts/core";
import type { APIApplicationCommandInteractionDataOption, APIInteraction } from "discord-api-types/v10";

export type OptionValue = string | number | boolean;

/** The subcommand and its option values (users, roles and channels as ids). */
export function flatten(options: readonly APIApplicationCommandInteractionDataOption[] = []) {
  const [first] = options;
  const leaf = first && "options" in first && first.type === 1 ? first : undefined;
  const values: Record<string, OptionValue> = {};
  for (const option of leaf ? (leaf.options ?? []) : options)
    if ("value" in option && option.value !== undefined) values[option.name] = option.value as OptionValue;
  return { subcommand: leaf?.name ?? "", options: values };
}

export const refusal = (content: string): Reply => ({
  type: "message",
  ephemeral: true,
  message: { content, allowed_mentions: { parse: [] } },
});

/** The actor of a guild interaction, or the refusal to send outside a server. */
export function actorOf(interaction: APIInteraction): ToolActor | Reply {
  try {
    return toolActor(interaction);
  } catch (error) {
    return refusal(error instanceof VisibleError ? error.message : "This works only inside a server.");
  }
}

/** Whether the member holds a permission, from the permissions Discord signed into the interaction. */
export const holds = (interaction: APIInteraction, bit: bigint) =>
  (BigInt(interaction.member?.permissions ?? "0") & bit) === bit;
