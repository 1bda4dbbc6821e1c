import { type AutocompleteContext, type CommandContext, OptionType, VisibleError } from "@megawatts/core";
import type {
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandInteractionDataOption,
  APIInteraction,
} from "discord-api-types/v10";

// Permission bits (discord-api-types keeps them in a runtime object the ingress should not load).
const ADMINISTRATOR = 1n << 3n;
const MANAGE_GUILD = 1n << 5n;
const VIEW_CHANNEL = 1n << 10n;

type Interaction = CommandContext["interaction"];

/** The server a command was used in; every knowledge command is guild-only. */
export function guildOf({ interaction }: CommandContext, command: string): string {
  if (!interaction.guild_id) throw new VisibleError(`${command} works inside a server.`);
  return interaction.guild_id;
}

/** An option's value when it is a string. */
export const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** The command's options (after any subcommand) by name: strings, ids, numbers, booleans. */
export function optionValues(
  interaction: Interaction | AutocompleteContext["interaction"],
): Map<string, string | number | boolean> {
  const top = ("options" in interaction.data ? interaction.data.options : undefined) ?? [];
  const options = top as APIApplicationCommandInteractionDataOption[];
  const leaf = options[0]?.type === OptionType.Subcommand ? (options[0].options ?? []) : options;
  return new Map(
    (leaf as APIApplicationCommandInteractionDataBasicOption[]).map((option) => [option.name, option.value]),
  );
}

/** The subcommand used, e.g. `status` for `/knowledge status`. */
export function subcommandOf(interaction: Interaction): string | undefined {
  const options = ("options" in interaction.data ? interaction.data.options : undefined) ?? [];
  const first = options[0] as APIApplicationCommandInteractionDataOption | undefined;
  return first?.type === OptionType.Subcommand ? first.name : undefined;
}

const permissions = (interaction: APIInteraction) => BigInt(interaction.member?.permissions ?? "0");

/** Whether the member is an administrator of the server (sees every channel). */
export const isAdministrator = (interaction: APIInteraction) =>
  (permissions(interaction) & ADMINISTRATOR) !== 0n;

/**
 * Refuses members without Manage Server or Administrator: `default_member_permissions` only
 * hides a command, and a server can override it.
 *
 * @example
 * requireManager(interaction, "/index");
 */
export function requireManager(interaction: APIInteraction, command: string): void {
  if (isAdministrator(interaction) || (permissions(interaction) & MANAGE_GUILD) !== 0n) return;
  throw new VisibleError(`${command} needs the Manage Server permission.`);
}

/**
 * The channels an interactions-only bot knows the member can read: the one the command was
 * used in, and a channel option Discord resolved with the member's permissions there.
 * Administrators read every channel: `undefined` means no limit.
 *
 * @example
 * visibleChannels(interaction, "81384788765712385") // ["81384788765712385", "<the current channel>"]
 */
export function visibleChannels(interaction: Interaction, option?: string): string[] | undefined {
  if (isAdministrator(interaction)) return undefined;
  const channels = new Set<string>();
  if (interaction.channel?.id) channels.add(interaction.channel.id);
  if (option) {
    const resolved = "resolved" in interaction.data ? interaction.data.resolved : undefined;
    const channel = resolved && "channels" in resolved ? resolved.channels?.[option] : undefined;
    if (!channel || (BigInt(channel.permissions) & VIEW_CHANNEL) === 0n)
      throw new VisibleError("You can't read that channel, so I can't search it for you.");
    channels.add(option);
  }
  return [...channels];
}

/**
 * A day given as `YYYY-MM-DD` (or a full ISO 8601 time), as epoch ms at 00:00 UTC.
 *
 * @example
 * parseDay("2026-01-05", "after") // 1767571200000
 */
export function parseDay(text: string, name: string): number {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  if (!Number.isFinite(value)) throw new VisibleError(`\`${name}\` must be a date like 2026-01-05.`);
  return value;
}
