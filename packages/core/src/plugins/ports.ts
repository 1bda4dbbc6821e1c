import type { TenantCaches } from "../cache/ports.ts";
import type { Envelope } from "../crypto/envelope.ts";
import type { SubjectKeyStore } from "../crypto/ports.ts";
import type { DataServices, WarmData } from "../data/services.ts";
import type { KnowledgeServices } from "../knowledge/services.ts";
import type { HealthCheck } from "../ports/health.ts";
import type { Clock } from "../ports/observability.ts";
import type { Scheduler } from "../schedules/ports.ts";
import type { ToolCallingChat } from "../tools/agent-ports.ts";
import type { ToolExecutor } from "../tools/executor.ts";
import type { PluginCatalog } from "./catalog.ts";
import type { PluginManifest, WorkerHandlers } from "./types.ts";

/**
 * Every port a worker plugin may ask for. A runtime wires some of them; a plugin names the
 * ones it uses and receives exactly those.
 */
export interface PluginPorts {
  /** The data layer: class-checked documents, the audit log, tenants, and the tier helpers' deps. */
  data: DataServices;
  /** The warm tier alone (documents, audit log, tenants): for plugins that keep no cold data. */
  warm: WarmData;
  /** Seals and opens sensitive fields under per-member data keys, and shreds those keys. */
  envelope: Envelope;
  /** Where the wrapped per-member keys live (whether a member has one, for export). */
  subjectKeys: SubjectKeyStore;
  /** The hot tier, one guild at a time. */
  cache: TenantCaches;
  /** The knowledge engine (search, answers, indexing). */
  knowledge: KnowledgeServices;
  /** Probes of every dependency this runtime uses. */
  health: readonly HealthCheck[];
  /** One-shot tasks at a time. */
  scheduler: Scheduler;
  /** The installed plugins and each server's choice of them. */
  plugins: PluginCatalog;
  clock: Clock;
  /** The Discord tools over the bot's REST client; `chat` (tool calling) when a model is configured. */
  serverTools: ServerTools;
}

/** What acting on a server needs: the tool executor, and a tool-calling model for `/do` if any. */
export interface ServerTools {
  executor: ToolExecutor;
  chat?: ToolCallingChat;
}

export type PortName = keyof PluginPorts;

/**
 * The worker half of a plugin: a factory that names the ports it needs. The job registry
 * refuses to start when a runtime does not wire one of them, and hands the factory exactly
 * the named ports.
 */
export interface WorkerPlugin<Needs extends PortName = PortName> {
  manifest: PluginManifest;
  needs: readonly Needs[];
  create(ports: Pick<PluginPorts, Needs>): WorkerHandlers;
}

/**
 * Declares a worker plugin; only an identity function, so `create` is typed by `needs`.
 *
 * @example
 * export const systemWorker = defineWorkerPlugin({
 *   manifest,
 *   needs: ["health"],
 *   create: ({ health }) => ({ jobs: { "system.status": async ({ reply }) => { ... } } }),
 * });
 */
export function defineWorkerPlugin<const Needs extends PortName>(
  plugin: WorkerPlugin<Needs>,
): WorkerPlugin<Needs> {
  return plugin;
}
