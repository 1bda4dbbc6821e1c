import type { REST } from "@discordjs/rest";
import { PluginRegistryError } from "@megawatts/core";
import { type RESTPostAPIApplicationCommandsJSONBody, Routes } from "discord-api-types/v10";
import { commandsHash } from "./command-hash.ts";
import { commandLimitViolations } from "./command-limits.ts";

export interface SyncCommandsOptions {
  rest: REST;
  applicationId: string;
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[];
  /** Sync this guild's commands instead of the global ones (they update at once; handy in development). */
  guildId?: string;
  /** Compare only; never write. */
  dryRun?: boolean;
}

export interface SyncCommandsResult {
  status: "unchanged" | "updated" | "would-update";
  localHash: string;
  /** The hash of Discord's commands before this sync. */
  remoteHash: string;
  count: number;
}

/**
 * Makes Discord's registered commands match `definitions`: reads the current global (or guild)
 * commands, compares content hashes, and only when they differ writes the whole set with one
 * bulk overwrite, which keeps the ids of commands that stay. Refuses definitions that break
 * Discord's limits before calling Discord.
 *
 * @example
 * const result = await syncCommands({ rest, applicationId, definitions: registry.definitions });
 * result.status; // "unchanged" on the second run
 */
export async function syncCommands(options: SyncCommandsOptions): Promise<SyncCommandsResult> {
  const { rest, applicationId, definitions, guildId } = options;
  const problems = commandLimitViolations(definitions);
  if (problems.length > 0) throw new PluginRegistryError(problems);

  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const scope = guildId ? "guild" : "global";
  const query = new URLSearchParams({ with_localizations: "true" });
  const remote = (await rest.get(route, { query })) as object[];

  const localHash = commandsHash(definitions, scope);
  const remoteHash = commandsHash(remote, scope);
  const summary = { localHash, remoteHash, count: definitions.length };
  if (localHash === remoteHash) return { status: "unchanged", ...summary };
  if (options.dryRun) return { status: "would-update", ...summary };
  await rest.put(route, { body: definitions });
  return { status: "updated", ...summary };
}
