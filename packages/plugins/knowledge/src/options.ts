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

/** Who used the command: the member whose words (a query, a question) its job carries. */
export function callerOf({ interaction }: { interaction: APIInteraction }): string {
  const caller = interaction.member?.user.id ?? interaction.user?.id;
  if (!caller) throw new VisibleError("I couldn't tell who asked; try again.");
  return caller;
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
    const known = resolved && "channels" in resolved ? resolved.channels : undefined;
    const channel = known && Object.hasOwn(known, option) ? known[option] : undefined;
    if (!channel || (BigInt(channel.permissions) & VIEW_CHANNEL) === 0n)
      throw new VisibleError("You can't read that channel, so I can't search it for you.");
    channels.add(option);
  }
  return [...channels];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A day given as `YYYY-MM-DD` (or a full ISO 8601 time), as epoch ms at 00:00 UTC. Days that do
 * not exist (`2026-02-30`) are refused: JavaScript would quietly roll them into the next month.
 *
 * @example
 * parseDay("2026-01-05", "after") // 1767571200000
 */
export function parseDay(text: string, name: string): number {
  const match = DAY.exec(text.trim());
  if (!match) throw new VisibleError(`The ${name} date must look like 2026-01-05 (year, month, day).`);
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  const midnight = Date.UTC(year, month - 1, day);
  const date = new Date(midnight);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    throw new VisibleError(
      `The ${name} date ${match[0].slice(0, 10)} does not exist. Pick a real day, like 2026-01-05.`,
    );
  const value = match[4] ? Date.parse(match[0]) : midnight;
  if (!Number.isFinite(value))
    throw new VisibleError(`The ${name} date must look like 2026-01-05 (year, month, day).`);
  return value;
}

/**
 * Refuses a range that can hold nothing: `after` must come before `before`.
 *
 * @example
 * checkRange(parseDay("2026-03-01", "after"), parseDay("2026-02-01", "before")); // throws
 */
export function checkRange(after: number | undefined, before: number | undefined): void {
  if (after === undefined || before === undefined || after < before) return;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  throw new VisibleError(
    `The after date (${day(after)}) must be earlier than the before date (${day(before)}), or nothing can match.`,
  );
}
