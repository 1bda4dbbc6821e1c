import type { APIInteraction, APIInteractionResponse } from "discord-api-types/v10";
import { Flags, Interaction, Response } from "../discord-enums.ts";
import { isVisible, referenceId } from "../errors.ts";
import { snowflakeTime } from "../ids.ts";
import type { InteractionRef, Job } from "../jobs/job.ts";
import { type JobKeys, sealJobPayload } from "../jobs/sealed-payload.ts";
import { isPluginEnabled, type PluginStateReader } from "../plugins/guild-state.ts";
import type { CommandRegistry } from "../plugins/registry.ts";
import type { PluginManifest, Reply } from "../plugins/types.ts";
import type { JobQueue } from "../ports/job-queue.ts";
import type { Clock, Logger, Metrics } from "../ports/observability.ts";
import { classifyFailure, permanentMessage } from "../resilience/failure.ts";

/** The queue refused a job: the user may simply try again. */
class EnqueueError extends Error {
  override name = "EnqueueError";
}

/** A job's key could not be stored (the key table is down), so it was not queued: the user may try again. */
class SealingUnavailableError extends Error {
  override name = "SealingUnavailableError";
}

/** The server's plugin settings could not be read (the table is down): the user may try again. */
class SettingsUnavailableError extends Error {
  override name = "SettingsUnavailableError";
}

export interface InteractionDeps {
  registry: CommandRegistry;
  queue: JobQueue;
  /** More queues a plugin may name in `job.queue`, e.g. `{ selfedit: fifoQueue }`. */
  queues?: Readonly<Record<string, JobQueue>>;
  /** Each server's plugin choices, cached per container. */
  pluginStates: PluginStateReader;
  /** Where the keys of sealed job payloads go (jobs a plugin marks `sealFor`). */
  jobKeys: Pick<JobKeys, "put">;
  /**
   * The permissions of `required` that a bit string lacks, as Discord's client names them
   * (Discord's rules live in `@megawatts/discord`).
   */
  missingPermissions(required: readonly string[], granted: string | undefined): string[];
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
}

function ephemeral(content: string): APIInteractionResponse {
  return {
    type: Response.Message,
    data: { content, flags: Flags.Ephemeral, allowed_mentions: { parse: [] } },
  };
}

function interactionRef(interaction: APIInteraction): InteractionRef {
  return {
    id: interaction.id,
    applicationId: interaction.application_id,
    token: interaction.token,
    guildId: interaction.guild_id ?? null,
    channelId: interaction.channel?.id ?? null,
    userId: interaction.member?.user.id ?? interaction.user?.id ?? "unknown",
    createdAt: snowflakeTime(interaction.id),
  };
}

async function toResponse(
  deps: InteractionDeps,
  interaction: APIInteraction,
  reply: Reply,
  fromComponent: boolean,
): Promise<APIInteractionResponse> {
  switch (reply.type) {
    case "message":
      return {
        type: Response.Message,
        data: {
          ...reply.message,
          flags: (reply.message.flags ?? 0) | (reply.ephemeral ? Flags.Ephemeral : 0),
        },
      };
    case "update":
      return { type: Response.UpdateMessage, data: reply.message };
    case "modal":
      return { type: Response.Modal, data: reply.modal };
    case "defer": {
      const queue = reply.job.queue === undefined ? deps.queue : deps.queues?.[reply.job.queue];
      if (!queue) throw new Error(`no queue named "${reply.job.queue}" is configured`);
      const { sealFor } = reply.job;
      const job: Job = {
        v: 1,
        id: reply.job.id ?? interaction.id,
        kind: reply.job.kind,
        interaction: interactionRef(interaction),
        payload: reply.job.payload ?? null,
        correlationId: interaction.id,
        enqueuedAt: deps.clock.now(),
      };
      let queued = job;
      if (sealFor !== undefined) {
        try {
          queued = await sealJobPayload(deps.jobKeys, job, sealFor);
        } catch (error) {
          throw new SealingUnavailableError(`could not store the key of ${job.kind}`, { cause: error });
        }
      }
      try {
        await queue.enqueue(queued);
      } catch (error) {
        throw new EnqueueError(`could not enqueue ${job.kind}`, { cause: error });
      }
      if (reply.changesPluginState && interaction.guild_id) deps.pluginStates.refresh?.(interaction.guild_id);
      deps.logger.info("interaction.deferred", { interactionId: interaction.id, jobKind: job.kind });
      // From a button, an ephemeral defer answers with a new private message (a panel anyone
      // presses stays as it is); otherwise the job edits the message the button is on.
      if (fromComponent && !reply.ephemeral) return { type: Response.DeferredUpdate };
      return {
        type: Response.DeferredMessage,
        ...(reply.ephemeral ? { data: { flags: Flags.Ephemeral } } : {}),
      };
    }
  }
}

function list(names: string[]): string {
  const bold = names.map((name) => `**${name}**`);
  return bold.length < 2 ? (bold[0] ?? "") : `${bold.slice(0, -1).join(", ")} and ${bold.at(-1)}`;
}

/**
 * Why a plugin may not run here, before its handler does: the bot lacks a permission the
 * plugin declares, or the server turned the plugin off.
 */
async function refusal(
  deps: InteractionDeps,
  interaction: APIInteraction,
  manifest: PluginManifest,
): Promise<APIInteractionResponse | undefined> {
  const missing = deps.missingPermissions(manifest.permissions, interaction.app_permissions);
  if (missing.length > 0) {
    deps.metrics.count("interaction.refused", 1, { reason: "bot-permission" });
    return ephemeral(
      `I can't do that here: I need the ${list(missing)} permission${missing.length === 1 ? "" : "s"} in this channel. ` +
        "A server admin can grant it to my role in Server Settings → Roles, or in this channel's permissions.",
    );
  }
  const guildId = interaction.guild_id;
  if (manifest.core || !guildId) return undefined;
  let state: Awaited<ReturnType<PluginStateReader["read"]>>;
  try {
    state = await deps.pluginStates.read(guildId);
  } catch (error) {
    throw new SettingsUnavailableError("could not read the server's plugin settings", { cause: error });
  }
  if (isPluginEnabled(manifest, state)) return undefined;
  deps.metrics.count("interaction.refused", 1, { reason: "plugin-off" });
  return ephemeral(
    `The **${manifest.id}** plugin is turned off in this server. ` +
      `Someone with Manage Server can turn it on with \`/plugins enable plugin:${manifest.id}\`.`,
  );
}

async function route(deps: InteractionDeps, interaction: APIInteraction, startedAt: number) {
  const context = {
    elapsedMs: () => performance.now() - startedAt,
    commands: deps.registry.summaries,
    plugins: deps.registry.manifests,
    logger: deps.logger,
  };
  switch (interaction.type) {
    case Interaction.ApplicationCommand: {
      const found = deps.registry.command(interaction.data.name);
      if (!found) return { unknown: `command /${interaction.data.name}` };
      const refused = await refusal(deps, interaction, found.manifest);
      if (refused) return refused;
      return toResponse(deps, interaction, await found.handler.run({ ...context, interaction }), false);
    }
    case Interaction.Autocomplete: {
      // Autocomplete must answer fast and never refuses: the command itself will.
      const handler = deps.registry.command(interaction.data.name)?.handler;
      const data = handler?.autocomplete
        ? await handler.autocomplete({ ...context, interaction })
        : { choices: [] };
      return { type: Response.AutocompleteResult, data } as const;
    }
    case Interaction.MessageComponent:
    case Interaction.ModalSubmit: {
      const found = deps.registry.component(interaction.data.custom_id);
      if (!found) return { unknown: `component ${interaction.data.custom_id}` };
      const refused = await refusal(deps, interaction, found.manifest);
      if (refused) return refused;
      const reply = await found.handler.run({ ...context, interaction, args: found.args });
      // A modal opened by a command (not by a button) has no message of its own to update.
      const onMessage =
        interaction.type === Interaction.MessageComponent || interaction.message !== undefined;
      return toResponse(deps, interaction, reply, onMessage);
    }
    default:
      // The edge answers 400 to unknown types before they get here.
      return { unknown: `interaction type ${(interaction as { type: unknown }).type}` };
  }
}

/**
 * Answers one verified interaction: PING inline, commands through their plugin, deferred
 * work onto the queue. A refusal (`VisibleError`) becomes an ephemeral sentence; any other
 * failure a generic ephemeral message with a reference id that is also logged.
 *
 * @example
 * const response = await handleInteraction(deps, interaction, performance.now());
 */
export async function handleInteraction(
  deps: InteractionDeps,
  interaction: APIInteraction,
  startedAt: number,
): Promise<APIInteractionResponse> {
  if (interaction.type === Interaction.Ping) return { type: Response.Pong };
  try {
    const result = await route(deps, interaction, startedAt);
    if ("unknown" in result && typeof result.unknown === "string") {
      const target = result.unknown;
      const reference = referenceId();
      deps.logger.warn("interaction.unknown", { interactionId: interaction.id, target, reference });
      deps.metrics.count("interaction.unknown");
      return ephemeral(`I don't know that ${target.split(" ")[0]}. Reference: \`${reference}\``);
    }
    return result;
  } catch (error) {
    // One rule for reference ids: a refusal the user can act on is a plain sentence; only a
    // failure on the bot's side carries a reference id, the one its log line carries.
    if (isVisible(error)) {
      deps.logger.info("interaction.refused", { interactionId: interaction.id, reason: error.message });
      deps.metrics.count("interaction.refused");
      return ephemeral(error.message);
    }
    const reference = referenceId();
    const permanent = classifyFailure(error) === "permanent";
    deps.logger.error("interaction.failed", {
      interactionId: interaction.id,
      reference,
      error,
    });
    const reason =
      error instanceof EnqueueError
        ? "queue"
        : error instanceof SettingsUnavailableError
          ? "settings"
          : error instanceof SealingUnavailableError
            ? "sealing"
            : "other";
    deps.metrics.count("interaction.failed", 1, { reason });
    const message =
      error instanceof EnqueueError
        ? "I couldn't start that: my work queue is unreachable right now. Please try again in a moment."
        : error instanceof SettingsUnavailableError
          ? "I couldn't start that: I can't read this server's settings right now. Please try again in a moment."
          : error instanceof SealingUnavailableError
            ? "I couldn't start that: I can't store it safely right now. Please try again in a moment."
            : permanent
              ? permanentMessage(error)
              : "Something went wrong on my side.";
    return ephemeral(`${message} Reference: \`${reference}\``);
  }
}
