import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteraction,
  APICommandAutocompleteInteractionResponseCallbackData,
  APIMessageComponentInteraction,
  APIModalInteractionResponseCallbackData,
  APIModalSubmitInteraction,
  PermissionFlagsBits,
  RESTPostAPIApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { TenantCaches } from "../cache/ports.ts";
import type { Envelope } from "../crypto/envelope.ts";
import type { SubjectKeyStore } from "../crypto/ports.ts";
import type { DataServices } from "../data/services.ts";
import type { Job, JobRequest } from "../jobs/job.ts";
import type { KnowledgeServices } from "../knowledge/services.ts";
import type { HealthCheck } from "../ports/health.ts";
import type { Logger } from "../ports/observability.ts";
import type { MessagePayload, ResponderMessage } from "../ports/responder.ts";
import type { ToolCallingChat } from "../tools/agent-ports.ts";
import type { ToolExecutor } from "../tools/executor.ts";

/**
 * What a plugin declares about itself. The command registry is built from manifests and
 * validated against Discord's limits before anything is served or synced.
 */
export interface PluginManifest {
  /** kebab-case, unique across plugins; also the prefix of its components' custom ids. */
  id: string;
  version: string;
  description: string;
  commands: RESTPostAPIApplicationCommandsJSONBody[];
  /** Guild permissions the bot itself needs for this plugin to work. */
  permissions: (keyof typeof PermissionFlagsBits)[];
  /** Ids of plugins this one needs. */
  dependencies: string[];
}

/** How a handler answers inside Discord's 3-second window. */
export type Reply =
  | { type: "message"; message: MessagePayload; ephemeral?: boolean }
  | { type: "defer"; job: JobRequest; ephemeral?: boolean }
  | { type: "update"; message: MessagePayload }
  | { type: "modal"; modal: APIModalInteractionResponseCallbackData };

/** A command as other plugins may see it (for `/help`). */
export interface CommandSummary {
  name: string;
  description: string;
  pluginId: string;
  /** Set for a context-menu command, found in the Apps menu of a message or user, not typed. */
  menu?: "message" | "user";
}

interface BaseContext {
  /** Milliseconds since the request reached the bot. */
  elapsedMs(): number;
  commands: readonly CommandSummary[];
  logger: Logger;
}

export interface CommandContext extends BaseContext {
  interaction: APIApplicationCommandInteraction;
}

export interface AutocompleteContext extends BaseContext {
  interaction: APIApplicationCommandAutocompleteInteraction;
}

export interface ComponentContext extends BaseContext {
  interaction: APIMessageComponentInteraction | APIModalSubmitInteraction;
  /** The custom id split on ":" after the plugin id and action: `system:page:2` → `["2"]`. */
  args: string[];
}

export interface CommandHandler {
  run(context: CommandContext): Reply | Promise<Reply>;
  autocomplete?(
    context: AutocompleteContext,
  ):
    | APICommandAutocompleteInteractionResponseCallbackData
    | Promise<APICommandAutocompleteInteractionResponseCallbackData>;
}

export interface ComponentHandler {
  run(context: ComponentContext): Reply | Promise<Reply>;
}

/**
 * The ingress half of a plugin: cheap handlers that answer or defer. It must not import
 * anything heavy; heavy work belongs in the worker half.
 */
export interface IngressPlugin {
  manifest: PluginManifest;
  /** Keyed by command name. */
  commands: Record<string, CommandHandler>;
  /** Keyed by action: a component with custom id `<plugin id>:<action>[:args…]` goes here. */
  components?: Record<string, ComponentHandler>;
}

/** Services a job handler may use; the wiring module of each runtime fills it in. */
export interface WorkerServices {
  healthChecks: readonly HealthCheck[];
  /** The data layer: class-checked documents, the audit log, tenants, and the tier helpers' deps. */
  data: DataServices;
  /** Seals and opens sensitive fields under per-member data keys, and shreds those keys. */
  envelope: Envelope;
  /** Where the wrapped per-member keys live (whether a member has one, for export). */
  subjectKeys: SubjectKeyStore;
  /** The hot tier, one guild at a time. */
  cache: TenantCaches;
  /** The knowledge engine (search, answers, indexing); absent where a runtime does not wire it. */
  knowledge?: KnowledgeServices;
  /** The Discord tools (executor over REST) and, when a model is configured, a tool-calling chat. */
  serverTools?: { executor: ToolExecutor; chat?: ToolCallingChat };
}

export interface JobContext<Payload = unknown> {
  job: Job;
  payload: Payload;
  /** Edits the deferred reply (first chunk, with any files) and sends the rest as follow-ups. */
  reply(message: ResponderMessage): Promise<void>;
  followUp(message: ResponderMessage): Promise<void>;
  /** Aborted when the interaction token is about to expire. */
  signal: AbortSignal;
  logger: Logger;
  services: WorkerServices;
}

export type JobHandler = (context: JobContext) => Promise<void>;

/** The worker half of a plugin: handlers for the job kinds its ingress half defers. */
export interface WorkerPlugin {
  manifest: PluginManifest;
  /** Keyed by job kind, which starts with the plugin id: `system.status`. */
  jobs: Record<string, JobHandler>;
}
