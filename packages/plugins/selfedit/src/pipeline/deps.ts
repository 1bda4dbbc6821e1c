import type {
  ChannelMessages,
  ChatModel,
  Clock,
  EmbeddingModel,
  JobContext,
  PluginPorts,
} from "@megawatts/core";
import { VisibleError } from "@megawatts/core";
import type { RepositoryWriter, ValidationOptions } from "@megawatts/selfedit";
import type { SelfEditSettings } from "../config.ts";
import type { RecordDeps } from "../records/store.ts";

/** What the self-edit pipeline runs on; each runtime's wiring fills it in. */
export interface PipelineDeps {
  /** The model; without one, requests are answered with how to configure it. */
  chat: ChatModel | undefined;
  writer: RepositoryWriter;
  /** Ranks code by meaning besides keywords (e.g. the local hash embedder). */
  embedder?: EmbeddingModel;
  settings: SelfEditSettings;
  /** Validation options besides the preset, e.g. `{ tests: { run: false } }` where there is no checkout. */
  validation?: ValidationOptions;
  /** A checkout with node_modules for the type and test stages (local runs). */
  checkoutDir?: string;
  clock: Clock;
  /**
   * The proposal messages, through the bot token: where Approve and Discard asked from the
   * dashboard (a job with no interaction token) report.
   */
  messages?: ChannelMessages;
  /** Repair rounds after the first answer (default 3). */
  maxRepairs?: number;
  /** Tokens of code context (default 12,000). */
  budgetTokens?: number;
}

/** What the pipeline's jobs run on: the runtime's settings and the ports the plugin asked for. */
export type PipelineRun = PipelineDeps & { data: PluginPorts["warm"]; envelope: PluginPorts["envelope"] };

/** The guild and member a job acts for, and the record store. */
export function jobScope(deps: PipelineRun, context: JobContext) {
  const guild = context.job.interaction.guildId;
  if (!guild) throw new VisibleError("Self-editing works inside a server.");
  const records: RecordDeps = { data: deps.data, envelope: deps.envelope, clock: deps.clock };
  return { guild, user: context.job.interaction.userId, records };
}
