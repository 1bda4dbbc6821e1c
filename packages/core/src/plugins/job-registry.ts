import { checkManifests } from "./manifest.ts";
import type { PluginPorts, PortName, WorkerPlugin } from "./ports.ts";
import { PluginRegistryError } from "./registry.ts";
import type { JobHandler, PluginManifest, TaskHandler } from "./types.ts";

/** The worker's handlers by kind, built from the plugins a runtime installs. */
export interface JobRegistry {
  readonly manifests: readonly PluginManifest[];
  job(kind: string): JobHandler | undefined;
  task(kind: string): TaskHandler | undefined;
  /** The plugin a job or task kind belongs to: `indexing.sync` → indexing. */
  pluginOf(kind: string): PluginManifest | undefined;
}

function neededPorts(plugin: WorkerPlugin, ports: Partial<PluginPorts>) {
  const missing = plugin.needs.filter((name) => ports[name] === undefined);
  const given = Object.fromEntries(plugin.needs.map((name) => [name, ports[name]]));
  return { missing, given: given as Pick<PluginPorts, PortName> };
}

function addHandlers<H>(
  table: Map<string, H>,
  pluginId: string,
  handlers: Record<string, H> | undefined,
  problems: string[],
) {
  for (const [kind, handler] of Object.entries(handlers ?? {})) {
    if (!kind.startsWith(`${pluginId}.`)) problems.push(`kind "${kind}" must start with "${pluginId}."`);
    if (table.has(kind)) problems.push(`kind "${kind}" is handled twice`);
    table.set(kind, handler);
  }
}

/**
 * Builds the worker's job and task tables from worker plugins in start-up order. Each
 * plugin's factory receives exactly the ports it names; a port this runtime does not wire,
 * a version conflict, an unknown dependency or a cycle refuses to start, naming the plugin.
 *
 * @example
 * const jobs = createJobRegistry(workerPlugins, { data, envelope, health, clock });
 * await jobs.job("system.status")?.(context);
 */
export function createJobRegistry(plugins: WorkerPlugin[], ports: Partial<PluginPorts>): JobRegistry {
  const { problems, sorted } = checkManifests(plugins.map((plugin) => plugin.manifest));
  const byId = new Map(plugins.map((plugin) => [plugin.manifest.id, plugin]));
  const jobs = new Map<string, JobHandler>();
  const tasks = new Map<string, TaskHandler>();
  for (const manifest of sorted) {
    const plugin = byId.get(manifest.id);
    if (!plugin) continue;
    const { missing, given } = neededPorts(plugin, ports);
    if (missing.length > 0) {
      for (const name of missing)
        problems.push(`plugin "${manifest.id}" needs the "${name}" port, which this runtime does not wire`);
      continue;
    }
    const handlers = plugin.create(given);
    addHandlers(jobs, manifest.id, handlers.jobs, problems);
    addHandlers(tasks, manifest.id, handlers.tasks, problems);
  }
  if (problems.length > 0) throw new PluginRegistryError(problems);
  return {
    manifests: sorted,
    job: (kind) => jobs.get(kind),
    task: (kind) => tasks.get(kind),
    pluginOf: (kind) => byId.get(kind.split(".", 1)[0] ?? "")?.manifest,
  };
}
