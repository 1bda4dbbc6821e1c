import { PluginRegistryError } from "@megawatts/core";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
// The local Discord stand-in is the REST test server; it lives with the local runtime.
import { type DiscordSink, startDiscordSink } from "../../../local/src/discord-sink.ts";
import { createDiscordRest } from "../rest/create-rest.ts";
import { commandsHash } from "./command-hash.ts";
import { syncCommands } from "./sync-commands.ts";

const applicationId = "1200000000000000001";
const guildId = "1100000000000000001";

const definitions: RESTPostAPIApplicationCommandsJSONBody[] = [
  { type: ApplicationCommandType.ChatInput, name: "ping", description: "Check that the bot answers" },
  {
    type: ApplicationCommandType.ChatInput,
    name: "ask",
    description: "Ask about this server",
    description_localizations: { de: "Frag etwas über diesen Server" },
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "question",
        description: "What to ask",
        required: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: "scope",
        description: "Where to look",
        choices: [{ name: "This channel", value: "channel" }],
      },
    ],
  },
  { type: ApplicationCommandType.Message, name: "Quote this" },
];

let sink: DiscordSink;
beforeEach(async () => {
  sink = await startDiscordSink({ port: 0 });
});
afterEach(async () => {
  await sink.close();
});

const rest = () => createDiscordRest({ apiUrl: sink.url, token: "local-bot-token" });
const writes = () => sink.events().filter((event) => event.method === "PUT");

describe("syncCommands", () => {
  it("overwrites Discord's commands when they differ", async () => {
    const result = await syncCommands({ rest: rest(), applicationId, definitions });

    expect(result).toMatchObject({ status: "updated", count: 3 });
    expect(writes()).toMatchObject([{ path: `/applications/${applicationId}/commands`, status: 200 }]);
  });

  it("sends nothing on a second sync of the same definitions", async () => {
    await syncCommands({ rest: rest(), applicationId, definitions });

    const second = await syncCommands({ rest: rest(), applicationId, definitions });

    expect(second.status).toBe("unchanged");
    expect(second.remoteHash).toBe(second.localHash);
    expect(writes()).toHaveLength(1);
  });

  it("updates again when a description changes", async () => {
    await syncCommands({ rest: rest(), applicationId, definitions });
    const changed = definitions.map((definition) =>
      definition.name === "ping" ? { ...definition, description: "Measure the round trip" } : definition,
    );

    const result = await syncCommands({ rest: rest(), applicationId, definitions: changed });

    expect(result.status).toBe("updated");
    expect(writes()).toHaveLength(2);
  });

  it("only reports what it would do on a dry run", async () => {
    const result = await syncCommands({ rest: rest(), applicationId, definitions, dryRun: true });

    expect(result.status).toBe("would-update");
    expect(writes()).toEqual([]);
  });

  it("syncs a guild's commands on the guild route", async () => {
    await syncCommands({ rest: rest(), applicationId, definitions, guildId });

    const second = await syncCommands({ rest: rest(), applicationId, definitions, guildId });

    expect(second.status).toBe("unchanged");
    expect(writes()).toMatchObject([{ path: `/applications/${applicationId}/guilds/${guildId}/commands` }]);
  });

  it("refuses definitions that break Discord's limits before calling Discord", async () => {
    const broken = [{ type: ApplicationCommandType.ChatInput, name: "Bad Name", description: "x" }] as const;

    await expect(
      syncCommands({ rest: rest(), applicationId, definitions: [...broken] }),
    ).rejects.toBeInstanceOf(PluginRegistryError);
    expect(sink.events()).toEqual([]);
  });
});

describe("commandsHash", () => {
  it("ignores order and the defaults Discord fills in", () => {
    const echoed = [...definitions].reverse().map((definition) => ({
      id: "1",
      version: "2",
      application_id: applicationId,
      default_member_permissions: null,
      dm_permission: true,
      contexts: null,
      integration_types: [0],
      nsfw: false,
      description: "",
      name_localizations: null,
      ...definition,
    }));

    expect(commandsHash(echoed, "global")).toBe(commandsHash(definitions, "global"));
  });

  it("changes when an option changes", () => {
    const changed = definitions.map((definition) => ({
      ...definition,
      options:
        "options" in definition ? definition.options?.map((option) => ({ ...option, required: false })) : [],
    }));

    expect(commandsHash(changed, "global")).not.toBe(commandsHash(definitions, "global"));
  });
});
