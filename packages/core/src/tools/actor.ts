import type { APIInteraction } from "discord-api-types/v10";
import { VisibleError } from "../errors.ts";

/** Who asks for a tool, as the interaction tells it. */
export interface ToolActor {
  guildId: string;
  channelId: string;
  userId: string;
  roleIds: string[];
  /** The bot's user id (its application id). */
  botUserId: string;
}

/**
 * The actor of a guild interaction; tools act only inside a server.
 *
 * @example
 * const actor = toolActor(interaction); // { guildId, channelId, userId, roleIds, botUserId }
 */
export function toolActor(interaction: APIInteraction): ToolActor {
  if (!interaction.guild_id || !interaction.member)
    throw new VisibleError("Server actions work only inside a server, not in direct messages.");
  return {
    guildId: interaction.guild_id,
    channelId: interaction.channel?.id ?? "",
    userId: interaction.member.user.id,
    roleIds: interaction.member.roles,
    botUserId: interaction.application_id,
  };
}
