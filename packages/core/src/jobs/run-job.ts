import { isVisible, referenceId } from "../errors.ts";
import { isPluginEnabled, type PluginStateReader } from "../plugins/guild-state.ts";
import type { JobRegistry } from "../plugins/job-registry.ts";
import type { JobHandler } from "../plugins/types.ts";
import type { ChannelMessages } from "../ports/channel-messages.ts";
import { type Clock, type Logger, type Metrics, withAttributes } from "../ports/observability.ts";
import type { InteractionResponder, ResponderMessage } from "../ports/responder.ts";
import { classifyFailure, permanentMessage } from "../resilience/failure.ts";
import type { InteractionRef, Job } from "./job.ts";
import { ErasedPayloadError, forgetJobPayload, type JobKeys, openJobPayload } from "./sealed-payload.ts";

/** Discord invalidates an interaction token 15 minutes after the interaction. */
export const TOKEN_LIFETIME_MS = 15 * 60_000;
/** Stop early enough that the last edit still lands before the token dies. */
export const TOKEN_SAFETY_MARGIN_MS = 30_000;
/** How long a redriven job whose token is gone may run (the worker's own timeout bounds it too). */
export const REDRIVE_TIME_LIMIT_MS = 10 * 60_000;

export interface WorkerDeps {
  jobs: JobRegistry;
  responder: InteractionResponder;
  /** Each server's plugin choices: a job of a plugin turned off since it was queued is refused. */
  pluginStates: PluginStateReader;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
  /** Where a redriven job whose interaction token died reports, through the bot token. */
  channelMessages?: ChannelMessages;
  /** The keys of sealed job payloads (see `sealJobPayload`). */
  jobKeys?: Pick<JobKeys, "get" | "delete">;
}

export type JobOutcome = "done" | "expired" | "rejected" | "erased";

/** What the caller of a job whose payload was erased before it ran is told. */
export const ERASED_JOB_MESSAGE =
  "I dropped this request: the member it was about erased their data before I got to it.";

/** The interaction a job answers through, or undefined for a job asked outside Discord. */
function interactionOf(job: Job): InteractionRef | undefined {
  const { token } = job.interaction;
  return token ? { ...job.interaction, token } : undefined;
}

/** Milliseconds left before the job's interaction token should no longer be used (0 without one). */
export function tokenTimeLeft(job: Job, clock: Clock): number {
  if (!job.interaction.token) return 0;
  return job.interaction.createdAt + TOKEN_LIFETIME_MS - TOKEN_SAFETY_MARGIN_MS - clock.now();
}

async function tellUser(deps: WorkerDeps, job: Job, text: string) {
  const interaction = interactionOf(job);
  if (!interaction) return;
  await deps.responder.editOriginal(interaction, {
    content: text,
    allowed_mentions: { parse: [] },
  });
}

/** The refusal when the job's plugin was turned off in its server after the job was queued. */
async function turnedOff(deps: WorkerDeps, job: Job): Promise<string | undefined> {
  const guildId = job.interaction.guildId;
  const manifest = deps.jobs.pluginOf(job.kind);
  if (!guildId || !manifest || manifest.core) return undefined;
  if (isPluginEnabled(manifest, await deps.pluginStates.read(guildId))) return undefined;
  return `The **${manifest.id}** plugin was turned off in this server, so I stopped. Someone with Manage Server can turn it on with \`/plugins enable plugin:${manifest.id}\`.`;
}

/**
 * Where a job's replies go: the interaction webhook while its token lives; for a redriven job
 * whose token is gone, or a job asked outside Discord, nowhere (its reply may have been
 * ephemeral, so its content is never posted in a channel; such a job's handler reports through
 * channel messages itself), and for a redriven job a short notice to the channel once it is done.
 */
function replyRoute(deps: WorkerDeps, job: Job, tokenLeft: number) {
  const interaction = interactionOf(job);
  if (interaction && tokenLeft > 0) {
    return {
      reply: (message: ResponderMessage) => deps.responder.editOriginal(interaction, message),
      followUp: (message: ResponderMessage) => deps.responder.followUp(interaction, message),
      done: async () => {},
    };
  }
  const discard = async () => {};
  return {
    reply: discard,
    followUp: discard,
    done: async () => {
      const channelId = job.interaction.channelId;
      if (!interaction || !channelId || !deps.channelMessages) return;
      await deps.channelMessages.post(channelId, {
        content: `<@${job.interaction.userId}> the request you made earlier (\`${job.kind}\`) could not run then and has now been done. Run the command again to see its result.`,
        allowed_mentions: { users: [job.interaction.userId] },
      });
    },
  };
}

/**
 * Runs one job through its plugin's handler, bounded by the interaction token's lifetime.
 * A `VisibleError` or an unknown kind is told to the user and not retried; any other error
 * is thrown so the queue retries the job and, in the end, dead-letters it.
 *
 * @example
 * const outcome = await runJob(deps, parseJob(record.body));
 */
export async function runJob(deps: WorkerDeps, job: Job): Promise<JobOutcome> {
  const logger = withAttributes(deps.logger, {
    jobId: job.id,
    jobKind: job.kind,
    correlationId: job.correlationId,
  });
  const outcome = await attempt({ ...deps, logger }, job);
  deps.metrics.count("job.outcome", 1, { kind: job.kind, outcome });
  return outcome;
}

async function attempt(deps: WorkerDeps, job: Job): Promise<JobOutcome> {
  const tokenLeft = tokenTimeLeft(job, deps.clock);
  // A redriven job, or one asked outside Discord, runs without a live token.
  const tokenless = job.redrivenAt !== undefined || !job.interaction.token;
  if (tokenLeft <= 0 && !tokenless) {
    deps.logger.warn("job.expired", { ageMs: deps.clock.now() - job.interaction.createdAt });
    return "expired";
  }
  const timeLeft = tokenLeft > 0 ? tokenLeft : REDRIVE_TIME_LIMIT_MS;
  const route = replyRoute(deps, job, tokenLeft);
  const handler = deps.jobs.job(job.kind);
  if (!handler) {
    const reference = referenceId();
    deps.logger.error("job.unknown-kind", { reference });
    if (tokenLeft > 0)
      await tellUser(deps, job, `I can't do that kind of work (${job.kind}). Reference: \`${reference}\``);
    return "rejected";
  }

  const off = await turnedOff(deps, job);
  if (off) {
    if (tokenLeft > 0) await tellUser(deps, job, off);
    return "rejected";
  }
  const opened = await openPayload(deps, job);
  if (!opened) {
    // Erasure deleted the key: the job can never be read, so it is dropped, never retried.
    deps.logger.info("job.dropped", { reason: "its sealed payload was erased" });
    if (tokenLeft > 0)
      await tellUser(deps, job, ERASED_JOB_MESSAGE).catch((error: unknown) =>
        deps.logger.warn("job.reply-failed", { error }),
      );
    return "erased";
  }
  const outcome = await runHandler(deps, opened, handler, route, tokenLeft, timeLeft);
  if (deps.jobKeys) {
    await forgetJobPayload(deps.jobKeys, job).catch((error: unknown) =>
      deps.logger.warn("job.payload-key-kept", { error }),
    );
  }
  return outcome;
}

/** The job with its sealed payload opened, or `undefined` when its key was erased. */
async function openPayload(deps: WorkerDeps, job: Job): Promise<Job | undefined> {
  if (!job.sealedPayload) return job;
  if (!deps.jobKeys) throw new Error(`job ${job.id} is sealed, and no job key store is configured`);
  try {
    return await openJobPayload(deps.jobKeys, job);
  } catch (error) {
    if (error instanceof ErasedPayloadError) return undefined;
    throw error;
  }
}

async function runHandler(
  deps: WorkerDeps,
  job: Job,
  handler: JobHandler,
  route: ReturnType<typeof replyRoute>,
  tokenLeft: number,
  timeLeft: number,
): Promise<JobOutcome> {
  const started = deps.clock.now();
  try {
    await handler({
      job,
      payload: job.payload,
      reply: route.reply,
      followUp: route.followUp,
      signal: AbortSignal.timeout(timeLeft),
      logger: deps.logger,
      metrics: deps.metrics,
    });
  } catch (error) {
    if (classifyFailure(error) === "transient") {
      deps.metrics.count("job.outcome", 1, { kind: job.kind, outcome: "failed" });
      throw error;
    }
    const tell = (text: string) =>
      tokenLeft > 0
        ? tellUser(deps, job, text).catch((tellError: unknown) =>
            deps.logger.warn("job.reply-failed", { error: tellError }),
          )
        : undefined;
    if (isVisible(error)) {
      // A refusal is the user's to act on: a plain sentence, no reference id (see handleInteraction).
      deps.logger.info("job.rejected", { reason: error.message });
      await tell(error.message);
      return "rejected";
    }
    // Input no try can fix: answer now with the precise message and a reference, never retry.
    const reference = referenceId();
    deps.logger.error("job.rejected", { reference, error });
    await tell(`${permanentMessage(error)} Reference: \`${reference}\``);
    return "rejected";
  }
  await route.done();
  const latency = deps.clock.now() - started;
  deps.logger.info("job.done", { latencyMs: latency });
  deps.metrics.timing("job.latency", latency, { kind: job.kind });
  return "done";
}

/**
 * Tells the user that a job failed for good and is kept in the dead-letter queue (an operator
 * can send it back), if the interaction token still lives; always logs the reference id.
 */
export async function reportDeadJob(
  deps: Omit<WorkerDeps, "jobs" | "pluginStates">,
  job: Job,
  reason = "unknown",
): Promise<string> {
  const reference = referenceId();
  deps.logger.error("job.dead-letter-reported", {
    jobId: job.id,
    jobKind: job.kind,
    correlationId: job.correlationId,
    reference,
    reason,
  });
  deps.metrics.count("job.dead-lettered", 1, { kind: job.kind });
  const interaction = interactionOf(job);
  if (interaction && tokenTimeLeft(job, deps.clock) > 0) {
    await deps.responder.editOriginal(interaction, {
      content: `❌ I couldn't finish this: a service I depend on kept failing. Your request is kept, and an operator can run it again. Reference: \`${reference}\``,
      allowed_mentions: { parse: [] },
    });
  }
  return reference;
}
