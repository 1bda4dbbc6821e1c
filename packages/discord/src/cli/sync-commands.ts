import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import { parseSyncConfig, runSync, SyncConfigError } from "../commands/sync-cli.ts";

const USAGE = `Usage: npm run commands:sync -- [--guild <id>] [--dry-run]

Registers the installed plugins' slash commands with Discord: globally, or in one guild with
--guild (instant, for testing). Sends nothing when Discord already has the same definitions.

Environment: DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN (required), DISCORD_API_URL.
  --guild <id>   register in this guild only
  --dry-run      say what would change, send nothing`;

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  console.log(USAGE);
} else {
  try {
    const config = parseSyncConfig(argv, process.env);
    const { definitions } = createCommandRegistry(ingressPlugins);
    console.log(await runSync(config, definitions));
  } catch (error) {
    console.error(`commands:sync failed: ${error instanceof Error ? error.message : String(error)}`);
    // Bad arguments or missing settings are usage errors (64); anything else failed while running.
    process.exitCode = error instanceof SyncConfigError ? 64 : 1;
  }
}
