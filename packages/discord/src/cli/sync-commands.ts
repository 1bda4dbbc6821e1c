import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import { parseSyncConfig, runSync } from "../commands/sync-cli.ts";

// Usage: npm run commands:sync -- [--guild <id>] [--dry-run]
try {
  const config = parseSyncConfig(process.argv.slice(2), process.env);
  const { definitions } = createCommandRegistry(ingressPlugins);
  console.log(await runSync(config, definitions));
} catch (error) {
  console.error(`commands:sync failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
