import semverSatisfies from "semver/functions/satisfies.js";
import semverValid from "semver/functions/valid.js";
import semverValidRange from "semver/ranges/valid.js";
import { checkPluginIds } from "./plugin-ids.ts";
import type { PluginManifest } from "./types.ts";
import { MEGAWATTS_VERSION } from "./version.ts";

function versionProblems(manifest: PluginManifest, megawatts: string): string[] {
  const problems: string[] = [];
  const subject = `plugin "${manifest.id}"`;
  if (!semverValid(manifest.version))
    problems.push(`${subject} has version "${manifest.version}", which is not a semantic version`);
  const { minMegawattsVersion: min, maxMegawattsVersion: max } = manifest;
  for (const [bound, value] of [
    ["minMegawattsVersion", min],
    ["maxMegawattsVersion", max],
  ] as const) {
    if (value !== undefined && !semverValid(value))
      problems.push(`${subject} has ${bound} "${value}", which is not a semantic version`);
  }
  if (min && semverValid(min) && !semverSatisfies(megawatts, `>=${min}`))
    problems.push(`${subject} needs megawatts ${min} or later; this is ${megawatts}`);
  if (max && semverValid(max) && !semverSatisfies(megawatts, `<=${max}`))
    problems.push(`${subject} runs on megawatts up to ${max}; this is ${megawatts}`);
  for (const schedule of manifest.schedules ?? []) {
    if (!schedule.kind.startsWith(`${manifest.id}.`))
      problems.push(`${subject} schedules task "${schedule.kind}", which must start with "${manifest.id}."`);
  }
  return problems;
}

function dependencyProblems(manifest: PluginManifest, byId: Map<string, PluginManifest>): string[] {
  const problems: string[] = [];
  const subject = `plugin "${manifest.id}"`;
  const required = Object.entries(manifest.dependencies);
  const optional = Object.entries(manifest.optionalDependencies ?? {});
  for (const [dependency, range, isOptional] of [
    ...required.map(([id, r]) => [id, r, false] as const),
    ...optional.map(([id, r]) => [id, r, true] as const),
  ]) {
    if (!semverValidRange(range)) {
      problems.push(`${subject} asks for "${dependency}" in "${range}", which is not a version range`);
      continue;
    }
    const installed = byId.get(dependency);
    if (!installed) {
      if (!isOptional)
        problems.push(`${subject} needs plugin "${dependency}" ${range}, which is not installed`);
      continue;
    }
    if (semverValid(installed.version) && !semverSatisfies(installed.version, range))
      problems.push(
        `${subject} needs plugin "${dependency}" ${range}, but version ${installed.version} is installed`,
      );
  }
  return problems;
}

/** Plugins a plugin starts after: its dependencies, and its optional ones that are installed. */
function startsAfter(manifest: PluginManifest, byId: Map<string, PluginManifest>): string[] {
  return [...Object.keys(manifest.dependencies), ...Object.keys(manifest.optionalDependencies ?? {})].filter(
    (id) => byId.has(id),
  );
}

/**
 * Orders manifests so every plugin comes after the plugins it depends on, keeping the given
 * order otherwise. Returns the cycle, named plugin by plugin, when there is one.
 */
export function sortManifests(
  manifests: readonly PluginManifest[],
): { sorted: PluginManifest[] } | { cycle: string[] } {
  const byId = new Map(manifests.map((manifest) => [manifest.id, manifest]));
  const sorted: PluginManifest[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (manifest: PluginManifest, path: string[]): string[] | undefined => {
    const seen = state.get(manifest.id);
    if (seen === "done") return undefined;
    if (seen === "visiting") return [...path.slice(path.indexOf(manifest.id)), manifest.id];
    state.set(manifest.id, "visiting");
    for (const id of startsAfter(manifest, byId)) {
      const dependency = byId.get(id);
      const cycle = dependency && visit(dependency, [...path, manifest.id]);
      if (cycle) return cycle;
    }
    state.set(manifest.id, "done");
    sorted.push(manifest);
    return undefined;
  };
  for (const manifest of manifests) {
    const cycle = visit(manifest, []);
    if (cycle) return { cycle };
  }
  return { sorted };
}

/**
 * Checks installed plugins against each other and this release: ids, semantic versions,
 * dependency ranges, megawatts bounds, schedule names and dependency cycles. Returns every
 * problem in words (empty when they fit) and the start-up order.
 *
 * @example
 * const { problems, sorted } = checkManifests([system, knowledge]);
 */
export function checkManifests(
  manifests: readonly PluginManifest[],
  megawatts: string = MEGAWATTS_VERSION,
): { problems: string[]; sorted: PluginManifest[] } {
  const problems = checkPluginIds(manifests);
  const byId = new Map(manifests.map((manifest) => [manifest.id, manifest]));
  for (const manifest of manifests) {
    problems.push(...versionProblems(manifest, megawatts), ...dependencyProblems(manifest, byId));
  }
  const order = sortManifests(manifests);
  if ("cycle" in order) {
    problems.push(`plugins depend on each other in a cycle: ${order.cycle.join(" → ")}`);
    return { problems, sorted: [...manifests] };
  }
  return { problems, sorted: order.sorted };
}
