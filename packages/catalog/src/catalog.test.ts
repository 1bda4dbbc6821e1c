import { checkManifests, createCommandRegistry, createJobRegistry, type PluginPorts } from "@megawatts/core";
import { commandLimitViolations } from "@megawatts/discord/command-limits";
import { describe, expect, it } from "vitest";
import { ingressPlugins } from "./ingress.ts";
import { manifests, recurringSchedules } from "./manifests.ts";
import { workerPlugins } from "./worker.ts";

// Every port a runtime may wire, as placeholders: the registry only checks that each is there.
const allPorts = new Proxy({}, { get: () => ({}) }) as unknown as PluginPorts;

describe("the installed plugins", () => {
  it("fit together: versions, dependency ranges, megawatts bounds and no cycle", () => {
    expect(checkManifests(manifests).problems).toEqual([]);
  });

  it("start on the jobs worker with every port a deployment wires", () => {
    expect(() => createJobRegistry(workerPlugins, allPorts)).not.toThrow();
  });

  it("stay within Discord's command limits", () => {
    expect(() => createCommandRegistry(ingressPlugins, { limits: commandLimitViolations })).not.toThrow();
  });

  it("list the same plugins in both halves and the manifests", () => {
    const ids = (list: { manifest: { id: string } }[]) => list.map((plugin) => plugin.manifest.id).sort();
    expect(ids(ingressPlugins)).toEqual(manifests.map((manifest) => manifest.id).sort());
    expect(ids(workerPlugins)).toEqual(ids(ingressPlugins));
  });

  it("declare their recurring tasks: health, tiers, the indexing sync and the audit-log sync", () => {
    expect(recurringSchedules.map((schedule) => schedule.kind)).toEqual([
      "system.health",
      "system.tiers",
      "indexing.sync",
      "moderation.audit-sync",
    ]);
  });
});
