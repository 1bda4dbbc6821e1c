import { ApplicationCommandType } from "discord-api-types/v10";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
// The local Discord stand-in is the REST test server; it lives with the local runtime.
import { type DiscordSink, startDiscordSink } from "../../../local/src/discord-sink.ts";
import { parseSyncConfig, runSync, SyncConfigError } from "./sync-cli.ts";

const env = { DISCORD_APPLICATION_ID: "1200000000000000001", DISCORD_BOT_TOKEN: "local-bot-token" };
const definitions = [{ type: ApplicationCommandType.ChatInput, name: "ping", description: "Check the bot" }];

describe("parseSyncConfig", () => {
  it("reads the flags and the credentials", () => {
    const config = parseSyncConfig(["--guild", "1100000000000000001", "--dry-run"], env);

    expect(config).toEqual({
      applicationId: env.DISCORD_APPLICATION_ID,
      token: env.DISCORD_BOT_TOKEN,
      guildId: "1100000000000000001",
      dryRun: true,
      enabledOnly: false,
    });
  });

  it("names every missing variable at once", () => {
    expect(() => parseSyncConfig([], { DISCORD_BOT_TOKEN: "" })).toThrow(
      "DISCORD_APPLICATION_ID is missing; DISCORD_BOT_TOKEN is missing",
    );
  });

  it("rejects an unknown flag and a malformed guild id", () => {
    expect(() => parseSyncConfig(["--force"], env)).toThrow(SyncConfigError);
    expect(() => parseSyncConfig(["--guild", "general"], env)).toThrow(/--guild must be a numeric guild id/);
  });
});

describe("runSync", () => {
  let sink: DiscordSink;
  beforeEach(async () => {
    sink = await startDiscordSink({ port: 0 });
  });
  afterEach(async () => {
    await sink.close();
  });

  it("prints one line saying what changed, then that nothing did", async () => {
    const config = parseSyncConfig([], { ...env, DISCORD_API_URL: sink.url });

    const first = await runSync(config, definitions);
    const second = await runSync(config, definitions);

    expect(first).toMatch(/^Overwrote with 1 global command \(hash [0-9a-f]{12} → [0-9a-f]{12}\)\.$/);
    expect(second).toMatch(/^1 global command already up to date/);
  });

  it("fails with Discord's answer when the bot token is rejected", async () => {
    sink.failNext({ method: "GET" }, { status: 401, body: { message: "401: Unauthorized", code: 0 } });
    const config = parseSyncConfig([], { ...env, DISCORD_API_URL: sink.url });

    await expect(runSync(config, definitions)).rejects.toThrow("401: Unauthorized");
  });
});
