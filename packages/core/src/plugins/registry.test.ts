import { ApplicationCommandType } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { systemClock } from "../ports/observability.ts";
import { createJobRegistry } from "./job-registry.ts";
import { defineWorkerPlugin, type PluginPorts, type WorkerPlugin } from "./ports.ts";
import { createCommandRegistry, PluginRegistryError } from "./registry.ts";
import type { IngressPlugin, JobHandler, PluginManifest } from "./types.ts";
import { MEGAWATTS_VERSION } from "./version.ts";

function manifest(overrides: Partial<PluginManifest> = {}): PluginManifest {
  return {
    id: "notes",
    version: "1.0.0",
    description: "Notes",
    commands: [{ type: ApplicationCommandType.ChatInput, name: "note", description: "Take a note" }],
    permissions: [],
    dependencies: {},
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

    expect(registry.command("note")?.manifest.id).toBe("notes");
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

    expect(registry.component("notes:page:2:next")).toMatchObject({ handler: page, args: ["2", "next"] });
    expect(registry.component("other:page")).toBeUndefined();
  });

  it("reports a declared command without handler and a handler without declaration", () => {
    const problems = problemsOf([{ manifest: manifest(), commands: { other: { run: reply } } }]);

    expect(problems).toContain('command "note" of plugin "notes" has no handler');
    expect(problems).toContain('handler "other" of plugin "notes" is not in its manifest');
  });

  it("reports duplicate plugin ids and duplicate commands together", () => {
    const plugin = {
      manifest: manifest({ dependencies: { storage: "^1.0.0" } }),
      commands: { note: { run: reply } },
    };

    const problems = problemsOf([plugin, plugin]);

    expect(problems).toContain('plugin id "notes" is used twice');
    expect(problems).toContain('command "note" is declared twice');
  });

  it("resolves names like __proto__ and constructor to nothing rather than the object prototype", () => {
    const registry = createCommandRegistry([{ manifest: manifest(), commands: { note: { run: reply } } }]);

    expect(registry.command("__proto__")).toBeUndefined();
    expect(registry.command("constructor")).toBeUndefined();
    expect(registry.component("notes:toString")).toBeUndefined();
    expect(registry.component("__proto__:constructor")).toBeUndefined();
  });
});

const worker = (id: string, extra: Partial<PluginManifest> = {}, jobs: Record<string, JobHandler> = {}) =>
  defineWorkerPlugin({
    manifest: manifest({ id, commands: [], ...extra }),
    needs: ["clock"],
    create: () => ({ jobs }),
  });

function jobProblemsOf(plugins: WorkerPlugin[], ports: Partial<PluginPorts> = { clock: systemClock }) {
  try {
    createJobRegistry(plugins, ports);
    return [];
  } catch (error) {
    if (error instanceof PluginRegistryError) return error.problems;
    throw error;
  }
}

describe("createJobRegistry", () => {
  it("maps job kinds to handlers and insists they start with the plugin id", () => {
    const handler = async () => {};
    expect(
      createJobRegistry([worker("notes", {}, { "notes.save": handler })], { clock: systemClock }).job(
        "notes.save",
      ),
    ).toBe(handler);
    expect(jobProblemsOf([worker("notes", {}, { "other.save": handler })])).toEqual([
      'kind "other.save" must start with "notes."',
    ]);
  });

  it("hands a plugin exactly the ports it names", () => {
    let given: object | undefined;
    const plugin = defineWorkerPlugin({
      manifest: manifest({ commands: [] }),
      needs: ["clock"],
      create: (ports) => {
        given = ports;
        return { jobs: {} };
      },
    });

    createJobRegistry([plugin], { clock: systemClock, health: [] });

    expect(given).toEqual({ clock: systemClock });
  });

  it("refuses to start when a plugin needs a port this runtime does not wire, naming both", () => {
    expect(jobProblemsOf([worker("notes")], {})).toEqual([
      'plugin "notes" needs the "clock" port, which this runtime does not wire',
    ]);
  });

  it("refuses a dependency whose installed version is outside the range asked for", () => {
    const problems = jobProblemsOf([
      worker("storage", { version: "1.4.0" }),
      worker("notes", { dependencies: { storage: "^2.0.0" } }),
    ]);

    expect(problems).toEqual([
      'plugin "notes" needs plugin "storage" ^2.0.0, but version 1.4.0 is installed',
    ]);
  });

  it("refuses an unknown dependency but accepts a missing optional one", () => {
    expect(jobProblemsOf([worker("notes", { dependencies: { tags: "^1.0.0" } })])).toEqual([
      'plugin "notes" needs plugin "tags" ^1.0.0, which is not installed',
    ]);
    expect(jobProblemsOf([worker("notes", { optionalDependencies: { tags: "^1.0.0" } })])).toEqual([]);
  });

  it("names a dependency cycle plugin by plugin", () => {
    const problems = jobProblemsOf([
      worker("a", { dependencies: { b: "*" } }),
      worker("b", { dependencies: { c: "*" } }),
      worker("c", { dependencies: { a: "*" } }),
    ]);

    expect(problems).toEqual(["plugins depend on each other in a cycle: a → b → c → a"]);
  });

  it("starts plugins after the plugins they depend on", () => {
    const registry = createJobRegistry(
      [
        worker("notes", { dependencies: { storage: "^1.0.0" } }),
        worker("storage"),
        worker("tags", { optionalDependencies: { notes: "*" } }),
      ],
      { clock: systemClock },
    );

    expect(registry.manifests.map((m) => m.id)).toEqual(["storage", "notes", "tags"]);
  });

  it("refuses a plugin made for another megawatts version and a version that is not semantic", () => {
    expect(jobProblemsOf([worker("notes", { minMegawattsVersion: "99.0.0" })])).toEqual([
      `plugin "notes" needs megawatts 99.0.0 or later; this is ${MEGAWATTS_VERSION}`,
    ]);
    expect(jobProblemsOf([worker("notes", { maxMegawattsVersion: "0.0.1" })])).toEqual([
      `plugin "notes" runs on megawatts up to 0.0.1; this is ${MEGAWATTS_VERSION}`,
    ]);
    expect(jobProblemsOf([worker("notes", { version: "one" })])).toEqual([
      'plugin "notes" has version "one", which is not a semantic version',
    ]);
  });
});
