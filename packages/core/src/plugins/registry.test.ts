import { ApplicationCommandType } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { createCommandRegistry, createJobRegistry, PluginRegistryError } from "./registry.ts";
import type { IngressPlugin, PluginManifest } from "./types.ts";

function manifest(overrides: Partial<PluginManifest> = {}): PluginManifest {
  return {
    id: "notes",
    version: "1.0.0",
    description: "Notes",
    commands: [{ type: ApplicationCommandType.ChatInput, name: "note", description: "Take a note" }],
    permissions: [],
    dependencies: [],
    ...overrides,
  };
}

const reply = () => ({ type: "message" as const, message: { content: "ok" } });

function problemsOf(plugins: IngressPlugin[]): string[] {
  try {
    createCommandRegistry(plugins);
    return [];
  } catch (error) {
    if (error instanceof PluginRegistryError) return error.problems;
    throw error;
  }
}

describe("createCommandRegistry", () => {
  it("finds commands by name and summarises them for /help", () => {
    const registry = createCommandRegistry([{ manifest: manifest(), commands: { note: { run: reply } } }]);

    expect(registry.command("note")).toBeDefined();
    expect(registry.command("missing")).toBeUndefined();
    expect(registry.summaries).toEqual([{ name: "note", description: "Take a note", pluginId: "notes" }]);
  });

  it("limits commands to guilds that installed the bot unless a manifest says otherwise", () => {
    const registry = createCommandRegistry([{ manifest: manifest(), commands: { note: { run: reply } } }]);

    expect(registry.definitions[0]).toMatchObject({ contexts: [0], integration_types: [0] });
  });

  it("routes a component custom id to its plugin's action with the remaining args", () => {
    const page = { run: reply };
    const registry = createCommandRegistry([
      { manifest: manifest(), commands: { note: { run: reply } }, components: { page } },
    ]);

    expect(registry.component("notes:page:2:next")).toEqual({ handler: page, args: ["2", "next"] });
    expect(registry.component("other:page")).toBeUndefined();
  });

  it("reports a declared command without handler and a handler without declaration", () => {
    const problems = problemsOf([{ manifest: manifest(), commands: { other: { run: reply } } }]);

    expect(problems).toContain('command "note" of plugin "notes" has no handler');
    expect(problems).toContain('handler "other" of plugin "notes" is not in its manifest');
  });

  it("reports duplicate plugin ids, duplicate commands and missing dependencies together", () => {
    const plugin = { manifest: manifest({ dependencies: ["storage"] }), commands: { note: { run: reply } } };

    const problems = problemsOf([plugin, plugin]);

    expect(problems).toContain('plugin id "notes" is used twice');
    expect(problems).toContain('command "note" is declared twice');
    expect(problems).toContain('plugin "notes" needs plugin "storage", which is missing');
  });
});

describe("createJobRegistry", () => {
  it("maps job kinds to handlers and insists they start with the plugin id", () => {
    const handler = async () => {};
    expect(
      createJobRegistry([{ manifest: manifest(), jobs: { "notes.save": handler } }]).get("notes.save"),
    ).toBe(handler);
    expect(() => createJobRegistry([{ manifest: manifest(), jobs: { "other.save": handler } }])).toThrow(
      'job kind "other.save" must start with "notes."',
    );
  });
});
