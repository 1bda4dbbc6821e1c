import { createHash } from "node:crypto";

type Json = Record<string, unknown>;

/** Where commands live: global commands carry install and interaction contexts, guild ones do not. */
export type CommandScope = "global" | "guild";

const nonEmpty = <T>(list: readonly T[] | null | undefined) => (list && list.length > 0 ? list : undefined);

function localizations(value: unknown): Json | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const entries = Object.entries(value).filter(([, text]) => typeof text === "string");
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** A sorted set of numbers, or undefined when absent or equal to Discord's default. */
function numberSet(value: unknown, discordDefault: readonly number[]): number[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const sorted = [...new Set(value as number[])].sort((a, b) => a - b);
  return sorted.join() === discordDefault.join() ? undefined : sorted;
}

function canonicalChoice(choice: Json): Json {
  return {
    name: choice.name,
    value: choice.value,
    name_localizations: localizations(choice.name_localizations),
  };
}

function canonicalOption(option: Json): Json {
  const choices = nonEmpty(option.choices as Json[] | undefined);
  const options = nonEmpty(option.options as Json[] | undefined);
  const channelTypes = nonEmpty(option.channel_types as number[] | undefined);
  return {
    type: option.type,
    name: option.name,
    description: option.description ?? "",
    required: option.required === true || undefined,
    autocomplete: option.autocomplete === true || undefined,
    choices: choices?.map(canonicalChoice),
    options: options?.map(canonicalOption),
    channel_types: channelTypes && [...channelTypes].sort((a, b) => a - b),
    min_value: option.min_value ?? undefined,
    max_value: option.max_value ?? undefined,
    min_length: option.min_length ?? undefined,
    max_length: option.max_length ?? undefined,
    name_localizations: localizations(option.name_localizations),
    description_localizations: localizations(option.description_localizations),
  };
}

/**
 * The fields of a command that we define and Discord echoes back, with the defaults Discord
 * fills in removed, so a definition and Discord's copy of it compare equal.
 */
export function canonicalCommand(command: Json, scope: CommandScope): Json {
  const options = nonEmpty(command.options as Json[] | undefined);
  return {
    type: command.type ?? 1,
    name: command.name,
    description: command.description ?? "",
    options: options?.map(canonicalOption),
    default_member_permissions: command.default_member_permissions ?? undefined,
    contexts: scope === "global" ? numberSet(command.contexts, [0, 1, 2]) : undefined,
    integration_types: scope === "global" ? numberSet(command.integration_types, [0]) : undefined,
    nsfw: command.nsfw === true || undefined,
    name_localizations: localizations(command.name_localizations),
    description_localizations: localizations(command.description_localizations),
  };
}

/** JSON with object keys sorted and undefined values dropped, so equal data gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const entries = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

/**
 * A sha256 over the canonical form of a set of commands, independent of their order.
 *
 * @example
 * commandsHash(definitions, "global") === commandsHash(await rest.get(route), "global");
 */
export function commandsHash(commands: readonly object[], scope: CommandScope): string {
  const canonical = commands
    .map((command) => canonicalCommand(command as Json, scope))
    .sort((a, b) => (`${a.type}:${a.name}` < `${b.type}:${b.name}` ? -1 : 1));
  return createHash("sha256").update(canonicalJson(canonical)).digest("hex");
}
