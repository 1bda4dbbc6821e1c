import { parseSimulatorArgs, UsageError } from "../args.ts";

export const PRIVACY_USAGE = `Usage: npm run privacy -- export --user <id> [--guild <id>] [--out <file.json>]
       npm run privacy -- erase  --user <id> [--guild <id>] [--yes]

Finds (export) or removes (erase) everything the bot holds about one user, per guild and tier
(warm, cold, hot, keys). Without --guild it covers every guild in the tenant registry.

Against the local bot it uses the stand-ins of the \`npm run dev\` running on MEGAWATTS_DATA_DIR
(default .data), or starts them on that data dir itself. Against AWS, run it inside SST's shell:
  npx sst shell --stage <stage> -- npm run privacy -- export --user <id> --out export.json

  --user <id>    the user's Discord id
  --guild <id>   one guild only
  --out <file>   export: write the JSON there (mode 0600) instead of to stdout
  --yes          erase: do not ask for confirmation`;

export interface PrivacyArgs {
  action: "export" | "erase";
  user: string;
  guild?: string;
  out?: string;
  yes: boolean;
}

const SNOWFLAKE = /^\d{17,20}$/;

/**
 * Reads the privacy CLI's command line, failing with a `UsageError` that says what to type.
 *
 * @example
 * parsePrivacyArgs(["erase", "--user", "80351110224678912", "--yes"]);
 * // { action: "erase", user: "80351110224678912", yes: true }
 */
export function parsePrivacyArgs(argv: readonly string[]): PrivacyArgs {
  const { action, positionals, options } = parseSimulatorArgs(
    argv.map((arg) => (arg === "--yes" ? "--yes=true" : arg)),
  );
  if (action !== "export" && action !== "erase") throw new UsageError(PRIVACY_USAGE);
  if (positionals.length > 0) throw new UsageError(`unexpected "${positionals[0]}"\n\n${PRIVACY_USAGE}`);
  const known = new Set(["user", "guild", "out", "yes"]);
  const unknown = options.find(([name]) => !known.has(name));
  if (unknown) throw new UsageError(`unknown option --${unknown[0]}\n\n${PRIVACY_USAGE}`);
  const value = (name: string) => options.find(([option]) => option === name)?.[1];
  const user = value("user");
  const guild = value("guild");
  if (!user || !SNOWFLAKE.test(user))
    throw new UsageError(`--user needs a Discord id (17 to 20 digits), got "${user ?? ""}"`);
  if (guild !== undefined && !SNOWFLAKE.test(guild))
    throw new UsageError(`--guild needs a Discord id (17 to 20 digits), got "${guild}"`);
  const out = value("out");
  if (out !== undefined && action !== "export") throw new UsageError("--out goes with export");
  return {
    action,
    user,
    ...(guild ? { guild } : {}),
    ...(out ? { out } : {}),
    yes: value("yes") === "true",
  };
}
