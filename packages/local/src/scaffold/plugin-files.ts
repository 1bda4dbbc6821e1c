/** A plugin id: kebab-case, starting with a letter, as the registry demands. */
export const PLUGIN_ID = /^[a-z][a-z0-9-]{1,31}$/;

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_match, char: string) => char.toUpperCase());

/**
 * The files of a new plugin: a manifest with one command, an ingress half that defers it, a
 * worker half that answers it (naming the one port it needs), and a test of both halves.
 *
 * @example
 * pluginFiles("weather")["packages/plugins/weather/src/manifest.ts"]
 */
export function pluginFiles(id: string): Record<string, string> {
  const name = camel(id);
  const dir = `packages/plugins/${id}`;
  const command = id.replaceAll("-", "").slice(0, 32);
  return {
    [`${dir}/package.json`]: `${JSON.stringify(
      {
        name: `@megawatts/plugin-${id}`,
        version: "0.1.0",
        private: true,
        type: "module",
        sideEffects: false,
        exports: {
          "./manifest": "./src/manifest.ts",
          "./ingress": "./src/ingress.ts",
          "./worker": "./src/worker.ts",
        },
        dependencies: { "@megawatts/core": "0.1.0" },
        devDependencies: { "@megawatts/testing": "0.1.0" },
      },
      null,
      2,
    )}\n`,
    [`${dir}/src/manifest.ts`]: `import { CommandType, type PluginManifest } from "@megawatts/core";

/** \`/${command}\`: what this plugin does, in one line (shown by /plugins info). */
export const manifest: PluginManifest = {
  id: "${id}",
  version: "0.1.0",
  description: "Describe what ${id} does for a server.",
  commands: [{ type: CommandType.ChatInput, name: "${command}", description: "Say what /${command} does" }],
  // Discord permissions the bot needs for this plugin; the ingress checks them before a command runs.
  permissions: [],
  dependencies: {},
  minMegawattsVersion: "0.2.0",
};
`,
    [`${dir}/src/ingress.ts`]: `import type { IngressPlugin } from "@megawatts/core";
import { manifest } from "./manifest.ts";

/** The ingress half: answers inside Discord's 3 seconds, here by deferring to the worker. */
export const ${name}Ingress: IngressPlugin = {
  manifest,
  commands: {
    ${command}: { run: () => ({ type: "defer", ephemeral: true, job: { kind: "${id}.run" } }) },
  },
};
`,
    [`${dir}/src/worker.ts`]: `import { defineWorkerPlugin } from "@megawatts/core";
import { manifest } from "./manifest.ts";

/** The worker half: names the ports it needs in \`needs\` and receives exactly those in \`create\`. */
export const ${name}Worker = defineWorkerPlugin({
  manifest,
  needs: ["clock"],
  create: ({ clock }) => ({
    jobs: {
      "${id}.run": async ({ reply }) => {
        await reply({ content: \`${id} ran at <t:\${Math.floor(clock.now() / 1000)}:T>.\` });
      },
    },
  }),
});
`,
    [`${dir}/src/${id}.test.ts`]: `import { createCommandRegistry, handleInteraction, systemClock } from "@megawatts/core";
import { commandInteraction } from "@megawatts/testing";
import { RecordingQueue } from "@megawatts/testing/fakes";
import { fakeIngressDeps } from "@megawatts/testing/ingress-deps";
import { fakeJobContext, jobHandler } from "@megawatts/testing/ports";
import { describe, expect, it } from "vitest";
import { ${name}Ingress } from "./ingress.ts";
import { manifest } from "./manifest.ts";
import { ${name}Worker } from "./worker.ts";

describe("the ${id} plugin", () => {
  it("defers /${command} to its worker", async () => {
    const queue = new RecordingQueue();
    const deps = fakeIngressDeps(createCommandRegistry([${name}Ingress]), { queue });
    const definition = manifest.commands[0] as Parameters<typeof commandInteraction>[0];

    const response = await handleInteraction(deps, commandInteraction(definition), 0);

    expect(response.type).toBe(5);
    expect(queue.jobs.map((job) => job.kind)).toEqual(["${id}.run"]);
  });

  it("answers the job with the ports it declared", async () => {
    const { context, responder } = fakeJobContext("${id}.run");

    await jobHandler(${name}Worker, { clock: systemClock }, "${id}.run")(context);

    expect(String(responder.sent[0]?.message.content)).toMatch(/^${id} ran at <t:\\d+:T>\\.$/);
  });
});
`,
  };
}

/**
 * The catalog with the plugin added: both halves listed and imported, its manifest listed, its
 * package a dependency. Throws when the plugin is already there.
 *
 * @example
 * const edited = catalogEdits("weather", current);
 */
export function catalogEdits(id: string, current: Record<string, string>): Record<string, string> {
  const name = camel(id);
  // Appends to the array after `declaration`; Biome lays it out again afterwards.
  const listed = (text: string, importLine: string, declaration: string, entry: string) => {
    if (text.includes(importLine)) throw new Error(`the catalog already lists "${id}"`);
    const at = text.indexOf(declaration);
    const end = text.indexOf("]", at + declaration.length);
    if (at < 0 || end < 0) throw new Error(`the catalog has no "${declaration}" list`);
    const items = text.slice(at + declaration.length, end).replace(/[\s,]*$/, "");
    return `${importLine}\n${text.slice(0, at + declaration.length)}${items}, ${entry}${text.slice(end)}`;
  };
  const file = (path: string) => current[path] ?? "";
  const pkg = JSON.parse(file("packages/catalog/package.json") || "{}") as {
    dependencies: Record<string, string>;
  };
  pkg.dependencies = { ...pkg.dependencies, [`@megawatts/plugin-${id}`]: "0.1.0" };
  return {
    "packages/catalog/src/ingress.ts": listed(
      file("packages/catalog/src/ingress.ts"),
      `import { ${name}Ingress } from "@megawatts/plugin-${id}/ingress";`,
      "export const ingressPlugins: IngressPlugin[] = [",
      `${name}Ingress`,
    ),
    "packages/catalog/src/worker.ts": listed(
      file("packages/catalog/src/worker.ts"),
      `import { ${name}Worker } from "@megawatts/plugin-${id}/worker";`,
      "export const workerPlugins: WorkerPlugin[] = [",
      `${name}Worker`,
    ),
    "packages/catalog/src/manifests.ts": listed(
      file("packages/catalog/src/manifests.ts"),
      `import { manifest as ${name} } from "@megawatts/plugin-${id}/manifest";`,
      "export const manifests: readonly PluginManifest[] = [",
      name,
    ),
    "packages/catalog/package.json": `${JSON.stringify(pkg, null, 2)}\n`,
  };
}
