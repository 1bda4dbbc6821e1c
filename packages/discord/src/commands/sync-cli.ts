import { parseArgs } from "node:util";
import type { RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import { z } from "zod";
import { createDiscordRest, type DiscordRestOptions } from "../rest/create-rest.ts";
import { type SyncCommandsResult, syncCommands } from "./sync-commands.ts";

const EnvSchema = z.object({
  DISCORD_APPLICATION_ID: z.string().regex(/^\d{17,20}$/, "must be a numeric application id"),
  DISCORD_BOT_TOKEN: z.string().min(1),
  DISCORD_API_URL: z.url().optional(),
});

/** Raised when the command line or the environment lacks what a sync needs. */
export class SyncConfigError extends Error {
  override name = "SyncConfigError";
}

export interface SyncConfig {
  applicationId: string;
  token: string;
  apiUrl?: string;
  guildId?: string;
  dryRun: boolean;
  /** Only the plugins the guild has turned on (with `--guild`); the caller filters the definitions. */
  enabledOnly: boolean;
}

/** What `commands:sync --help` prints. */
export const SYNC_USAGE =
  "usage: npm run commands:sync -- [--guild <id> [--enabled]] [--dry-run]\n" +
  "  --guild <id>  register the commands in one server (instant) instead of globally\n" +
  "  --enabled     with --guild: only the plugins that server has turned on\n" +
  "  --dry-run     compare with what Discord has, change nothing\n" +
  "needs DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN (DISCORD_API_URL for another Discord-compatible API)";

/**
 * Reads `--guild <id>` and `--dry-run` from the arguments and the Discord credentials from the
 * environment, failing with every missing or invalid name at once.
 *
 * @example
 * parseSyncConfig(["--dry-run"], process.env);
 */
export function parseSyncConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SyncConfig {
  let values: { guild?: string | undefined; "dry-run"?: boolean | undefined; enabled?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { guild: { type: "string" }, "dry-run": { type: "boolean" }, enabled: { type: "boolean" } },
    }));
  } catch (error) {
    throw new SyncConfigError(`${(error as Error).message}\n${SYNC_USAGE}`);
  }
  if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild))
    throw new SyncConfigError(`--guild must be a numeric guild id, got "${values.guild}"`);
  if (values.enabled && !values.guild)
    throw new SyncConfigError(
      "--enabled needs --guild <id>: global commands cannot follow one server's choice",
    );
  // An empty variable counts as missing.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.input === undefined
        ? `${issue.path.join(".")} is missing`
        : `${issue.path.join(".")} ${issue.message}`,
    );
    throw new SyncConfigError(problems.join("; "));
  }
  return {
    applicationId: parsed.data.DISCORD_APPLICATION_ID,
    token: parsed.data.DISCORD_BOT_TOKEN,
    ...(parsed.data.DISCORD_API_URL ? { apiUrl: parsed.data.DISCORD_API_URL } : {}),
    ...(values.guild ? { guildId: values.guild } : {}),
    dryRun: values["dry-run"] ?? false,
    enabledOnly: values.enabled ?? false,
  };
}

/** One line that says what the sync did. */
export function describeSync(result: SyncCommandsResult, config: SyncConfig): string {
  const plural = result.count === 1 ? "" : "s";
  const what = config.guildId
    ? `${result.count} command${plural} in guild ${config.guildId}`
    : `${result.count} global command${plural}`;
  const local = result.localHash.slice(0, 12);
  const remote = result.remoteHash.slice(0, 12);
  if (result.status === "unchanged") return `${what} already up to date (hash ${local}); nothing sent.`;
  if (result.status === "would-update")
    return `Dry run: would overwrite with ${what} (Discord has ${remote}, local is ${local}).`;
  return `Overwrote with ${what} (hash ${remote} → ${local}).`;
}

/**
 * Runs one sync from a parsed config and returns the outcome line.
 *
 * @example
 * console.log(await runSync(parseSyncConfig(argv, process.env), registry.definitions));
 */
export async function runSync(
  config: SyncConfig,
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
  makeRequest?: DiscordRestOptions["makeRequest"],
): Promise<string> {
  const rest = createDiscordRest({
    token: config.token,
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
    ...(makeRequest ? { makeRequest } : {}),
  });
  const result = await syncCommands({
    rest,
    applicationId: config.applicationId,
    definitions,
    dryRun: config.dryRun,
    ...(config.guildId ? { guildId: config.guildId } : {}),
  });
  return describeSync(result, config);
}
