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
import type { Job, JobRequest } from "../jobs/job.ts";
import type { Logger, Metrics } from "../ports/observability.ts";
import type { MessagePayload, ResponderMessage } from "../ports/responder.ts";
import type { RecurringSchedule } from "../schedules/ports.ts";
import type { Task } from "../schedules/task.ts";

/**
 * What a plugin declares about itself. The command registry is built from manifests and
 * validated against Discord's limits before anything is served or synced.
 */
export interface PluginManifest {
  /** kebab-case, unique across plugins; also the prefix of its components' custom ids. */
  id: string;
  /** Semantic version, e.g. `1.2.0`. */
  version: string;
  description: string;
  commands: RESTPostAPIApplicationCommandsJSONBody[];
  /**
   * Guild permissions the bot itself needs for this plugin to work. The ingress checks them
   * against the interaction's `app_permissions` before a command runs, and the invite link is
   * built from them.
   */
  permissions: (keyof typeof PermissionFlagsBits)[];
  /** Plugins this one needs, by id, with a semver range: `{ knowledge: "^1.0.0" }`. */
  dependencies: Readonly<Record<string, string>>;
  /** Plugins this one uses when installed, with the range it accepts. */
  optionalDependencies?: Readonly<Record<string, string>>;
  /** The megawatts versions this plugin runs on (inclusive bounds). */
  minMegawattsVersion?: string;
  maxMegawattsVersion?: string;
  /** Core plugins are always on: server admins cannot disable them. */
  core?: boolean;
  /**
   * Whether the plugin is on in a server where no admin has chosen yet (default true). A
   * plugin that reads what members wrote beyond a single message starts off, as consent.
   */
  enabledByDefault?: boolean;
  /** Recurring tasks this plugin runs (kinds start with its id). */
  schedules?: readonly RecurringSchedule[];
}

/** How a handler answers inside Discord's 3-second window. */
export type Reply =
  | { type: "message"; message: MessagePayload; ephemeral?: boolean }
  | {
      type: "defer";
      job: JobRequest;
      /** Only the member sees the answer; from a button, a new private message instead of editing the clicked one. */
      ephemeral?: boolean;
      /** The job changes this server's plugin choices: the ingress stops trusting its cached copy. */
      changesPluginState?: boolean;
    }
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
  /** The installed plugins, in start-up order. */
  plugins: readonly PluginManifest[];
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

export interface JobContext<Payload = unknown> {
  job: Job;
  payload: Payload;
  /** Edits the deferred reply (first chunk, with any files) and sends the rest as follow-ups. */
  reply(message: ResponderMessage): Promise<void>;
  followUp(message: ResponderMessage): Promise<void>;
  /** Aborted when the interaction token is about to expire. */
  signal: AbortSignal;
  logger: Logger;
}

export type JobHandler = (context: JobContext) => Promise<void>;

/** A scheduled task as its handler sees it: nobody to reply to, only the work. */
export interface TaskContext<Payload = unknown> {
  task: Task;
  payload: Payload;
  /** Aborted when the task's time limit is near; a long task saves its progress and stops. */
  signal: AbortSignal;
  /** When the signal aborts (epoch ms), for work that plans its own stopping point. */
  deadline: number;
  logger: Logger;
  metrics: Metrics;
}

export type TaskHandler = (context: TaskContext) => Promise<void>;

/** What a worker plugin's factory returns: handlers by kind, each kind starting with the plugin id. */
export interface WorkerHandlers {
  /** Deferred interaction work: `system.status`. */
  jobs: Record<string, JobHandler>;
  /** Scheduled work (one-shot or recurring): `knowledge.sync`. */
  tasks?: Record<string, TaskHandler>;
}
