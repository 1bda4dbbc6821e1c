import type { APIInteraction } from "discord-api-types/v10";
import type { SelfEditSettings } from "./config.ts";

// Permission bits (discord-api-types' PermissionFlagsBits, written out so the ingress bundle
// carries no runtime import of that library).
const ADMINISTRATOR = 1n << 3n;
const MANAGE_GUILD = 1n << 5n;

/**
 * Whether the member behind an interaction is a maintainer: Manage Server (or Administrator)
 * in the channel's computed permissions, or the configured maintainer role.
 *
 * @example
 * isMaintainer(interaction, { preset: "manual", maintainerRoleId: "1234567890123456789" })
 */
export function isMaintainer(interaction: APIInteraction, settings: SelfEditSettings): boolean {
  const member = interaction.member;
  if (!member) return false;
  const permissions = BigInt(member.permissions || "0");
  if ((permissions & (MANAGE_GUILD | ADMINISTRATOR)) !== 0n) return true;
  return settings.maintainerRoleId !== undefined && member.roles.includes(settings.maintainerRoleId);
}

/**
 * Why this member may not use self-editing here, or undefined when they may: outside a
 * server, in a server it is not enabled for, or without maintainer rights.
 *
 * @example
 * const refusal = refusalFor(interaction, settings);
 * if (refusal) return { type: "message", ephemeral: true, message: { content: refusal } };
 */
export function refusalFor(interaction: APIInteraction, settings: SelfEditSettings): string | undefined {
  const guild = interaction.guild_id;
  if (!guild) return "Self-editing works inside a server.";
  if (settings.guildIds && !settings.guildIds.includes(guild))
    return "Self-editing is not enabled in this server.";
  if (!isMaintainer(interaction, settings)) {
    const role = settings.maintainerRoleId ? ` or the <@&${settings.maintainerRoleId}> role` : "";
    return `Only maintainers can do this: it needs the Manage Server permission${role}.`;
  }
  return undefined;
}
