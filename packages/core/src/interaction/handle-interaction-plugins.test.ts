import { commandInteraction, componentInteraction } from "@megawatts/testing";
import { fakeIngressDeps, MemoryPluginStates } from "@megawatts/testing/ingress-deps";
import {
  ApplicationCommandType,
  InteractionResponseType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { cachedPluginStates } from "../plugins/cached-state.ts";
import { createCommandRegistry } from "../plugins/registry.ts";
import type { IngressPlugin, PluginManifest } from "../plugins/types.ts";
import { handleInteraction } from "./handle-interaction.ts";

const definition: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: "note",
  description: "Take a note",
};

function plugin(extra: Partial<PluginManifest> = {}): IngressPlugin {
  return {
    manifest: {
      id: "notes",
      version: "1.0.0",
      description: "Notes",
      commands: [definition],
      permissions: [],
      dependencies: {},
      ...extra,
    },
    commands: { note: { run: () => ({ type: "message", message: { content: "noted" } }) } },
    components: { again: { run: () => ({ type: "update", message: { content: "again" } }) } },
  };
}

const contentOf = (response: Awaited<ReturnType<typeof handleInteraction>>) =>
  "data" in response ? ((response.data as { content?: string }).content ?? "") : "";

describe("handleInteraction and plugin state", () => {
  it("answers an ephemeral 'turned off' to a command of a plugin a server turned off", async () => {
    const deps = fakeIngressDeps(createCommandRegistry([plugin()]));
    const interaction = commandInteraction(definition);
    deps.pluginStates.states.set(interaction.guild_id ?? "", { overrides: { notes: false }, history: [] });

    const response = await handleInteraction(deps, interaction, 0);

    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(contentOf(response)).toBe(
      "The **notes** plugin is turned off in this server. Someone with Manage Server can turn it on with `/plugins enable plugin:notes`.",
    );
  });

  it("refuses the components of a turned-off plugin too", async () => {
    const deps = fakeIngressDeps(createCommandRegistry([plugin({ enabledByDefault: false })]));

    const response = await handleInteraction(deps, componentInteraction("notes:again"), 0);

    expect(contentOf(response)).toMatch(/plugin is turned off in this server/);
  });

  it("runs a command of a plugin that starts off once the server turned it on", async () => {
    const deps = fakeIngressDeps(createCommandRegistry([plugin({ enabledByDefault: false })]));
    const interaction = commandInteraction(definition);
    deps.pluginStates.states.set(interaction.guild_id ?? "", { overrides: { notes: true }, history: [] });

    expect(contentOf(await handleInteraction(deps, interaction, 0))).toBe("noted");
  });

  it("never reads the state for a core plugin's command", async () => {
    const deps = fakeIngressDeps(createCommandRegistry([plugin({ core: true })]));

    expect(contentOf(await handleInteraction(deps, commandInteraction(definition), 0))).toBe("noted");
    expect(deps.pluginStates.reads).toBe(0);
  });

  it("reads a server's state once while it is cached", async () => {
    const stored = new MemoryPluginStates();
    const deps = fakeIngressDeps(createCommandRegistry([plugin()]));
    const cached = {
      ...deps,
      pluginStates: cachedPluginStates(stored, { ttlMs: 15_000, clock: deps.clock }),
    };

    for (let i = 0; i < 5; i++) await handleInteraction(cached, commandInteraction(definition), 0);
    deps.clock.advance(15_000);
    await handleInteraction(cached, commandInteraction(definition), 0);

    expect(stored.reads).toBe(2);
  });

  it("names the bot permission a plugin needs and the interaction lacks, and how to grant it", async () => {
    const deps = fakeIngressDeps(
      createCommandRegistry([plugin({ permissions: ["ViewChannel", "ReadMessageHistory"] })]),
    );
    const interaction = {
      ...commandInteraction(definition),
      app_permissions: PermissionFlagsBits.ViewChannel.toString(),
    };

    const response = await handleInteraction(deps, interaction, 0);

    expect(contentOf(response)).toBe(
      "I can't do that here: I need the **Read Message History** permission in this channel. " +
        "A server admin can grant it to my role in Server Settings → Roles, or in this channel's permissions.",
    );
  });
});

describe("a change of plugins asked for at the ingress", () => {
  it("makes this container read the server's state afresh instead of its cached copy", async () => {
    const stored = new MemoryPluginStates();
    const changer: IngressPlugin = {
      manifest: {
        ...plugin().manifest,
        id: "plugins",
        core: true,
        commands: [{ ...definition, name: "plugins" }],
      },
      commands: {
        plugins: {
          run: () => ({ type: "defer", job: { kind: "plugins.manage" }, changesPluginState: true }),
        },
      },
    };
    const deps = fakeIngressDeps(createCommandRegistry([plugin(), changer]));
    const cached = {
      ...deps,
      pluginStates: cachedPluginStates(stored, { ttlMs: 15_000, clock: deps.clock }),
    };
    const note = commandInteraction(definition);
    const guild = note.guild_id ?? "";

    expect(contentOf(await handleInteraction(cached, note, 0))).toBe("noted");
    await handleInteraction(
      cached,
      commandInteraction({ ...definition, name: "plugins" }, { scene: { guildId: guild } }),
      0,
    );
    stored.states.set(guild, { overrides: { notes: false }, history: [] });

    expect(
      contentOf(
        await handleInteraction(cached, commandInteraction(definition, { scene: { guildId: guild } }), 0),
      ),
    ).toMatch(/turned off in this server/);
  });
});
