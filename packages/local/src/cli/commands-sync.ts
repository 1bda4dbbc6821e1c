import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry, type GuildPluginState, isPluginEnabled } from "@megawatts/core";
import {
  commandLimitViolations,
  parseSyncConfig,
  runSync,
  SYNC_USAGE,
  SyncConfigError,
} from "@megawatts/discord/commands";
import { DynamoPluginStateReader } from "@megawatts/storage/plugin-states";
import { localCliServices } from "./local-services.ts";
import { insideSstShell, sstResources } from "./privacy/sst-resources.ts";

// Usage: npm run commands:sync -- [--guild <id> [--enabled]] [--dry-run]

/** A server's plugin choices: the stage's table inside `sst shell`, else the local bot's data. */
async function guildState(
  guildId: string,
  env: Record<string, string | undefined>,
): Promise<GuildPluginState> {
  if (insideSstShell(env)) {
    const client = new DynamoDBClient({});
    try {
      return await new DynamoPluginStateReader(client, sstResources(env).tableName).read(guildId);
    } finally {
      client.destroy();
    }
  }
  const local = await localCliServices(env);
  try {
    return await local.services.plugins.state(guildId);
  } finally {
    await local.close();
  }
}

async function main(argv: string[], env: Record<string, string | undefined>) {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(SYNC_USAGE);
    return;
  }
  const config = parseSyncConfig(argv, env);
  let plugins = ingressPlugins;
  if (config.enabledOnly && config.guildId) {
    const state = await guildState(config.guildId, env);
    plugins = ingressPlugins.filter((plugin) => isPluginEnabled(plugin.manifest, state));
    console.error(
      `plugins on in guild ${config.guildId}: ${plugins.map((plugin) => plugin.manifest.id).join(", ")}`,
    );
  }
  const { definitions } = createCommandRegistry(plugins, { limits: commandLimitViolations });
  console.log(await runSync(config, definitions));
}

try {
  await main(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`commands:sync failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof SyncConfigError ? 64 : 1;
}
