import {
  type APIInteraction,
  type APIInteractionResponse,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from "discord-api-types/v10";
import { isVisible, referenceId } from "../errors.ts";
import { snowflakeTime } from "../ids.ts";
import type { InteractionRef, Job } from "../jobs/job.ts";
import type { CommandRegistry } from "../plugins/registry.ts";
import type { Reply } from "../plugins/types.ts";
import type { JobQueue } from "../ports/job-queue.ts";
import type { Clock, Logger, Metrics } from "../ports/observability.ts";

export interface InteractionDeps {
  registry: CommandRegistry;
  queue: JobQueue;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
}

/** Thrown for an interaction type this bot does not know; the edge answers 400. */
export class UnsupportedInteractionError extends Error {
  override name = "UnsupportedInteractionError";
}

function ephemeral(content: string): APIInteractionResponse {
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { content, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
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
        type: InteractionResponseType.ChannelMessageWithSource,
        data: {
          ...reply.message,
          flags: (reply.message.flags ?? 0) | (reply.ephemeral ? MessageFlags.Ephemeral : 0),
        },
      };
    case "update":
      return { type: InteractionResponseType.UpdateMessage, data: reply.message };
    case "modal":
      return { type: InteractionResponseType.Modal, data: reply.modal };
    case "defer": {
      const job: Job = {
        v: 1,
        id: interaction.id,
        kind: reply.job.kind,
        interaction: interactionRef(interaction),
        payload: reply.job.payload ?? null,
        correlationId: interaction.id,
        enqueuedAt: deps.clock.now(),
      };
      await deps.queue.enqueue(job);
      deps.logger.info("interaction.deferred", { interactionId: interaction.id, jobKind: job.kind });
      if (fromComponent) return { type: InteractionResponseType.DeferredMessageUpdate };
      return {
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        ...(reply.ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {}),
      };
    }
  }
}

async function route(deps: InteractionDeps, interaction: APIInteraction, startedAt: number) {
  const context = {
    elapsedMs: () => performance.now() - startedAt,
    commands: deps.registry.summaries,
    logger: deps.logger,
  };
  switch (interaction.type) {
    case InteractionType.ApplicationCommand: {
      const handler = deps.registry.command(interaction.data.name);
      if (!handler) return { unknown: `command /${interaction.data.name}` };
      return toResponse(deps, interaction, await handler.run({ ...context, interaction }), false);
    }
    case InteractionType.ApplicationCommandAutocomplete: {
      const handler = deps.registry.command(interaction.data.name);
      const data = handler?.autocomplete
        ? await handler.autocomplete({ ...context, interaction })
        : { choices: [] };
      return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data } as const;
    }
    case InteractionType.MessageComponent:
    case InteractionType.ModalSubmit: {
      const found = deps.registry.component(interaction.data.custom_id);
      if (!found) return { unknown: `component ${interaction.data.custom_id}` };
      const reply = await found.handler.run({ ...context, interaction, args: found.args });
      return toResponse(deps, interaction, reply, true);
    }
    default:
      throw new UnsupportedInteractionError(
        `unsupported interaction type ${(interaction as { type: unknown }).type}`,
      );
  }
}

/**
 * Answers one verified interaction: PING inline, commands through their plugin, deferred
 * work onto the queue. Failures become an ephemeral message with a reference id that is
 * also logged; only an unsupported interaction type escapes (the edge maps it to 400).
 *
 * @example
 * const response = await handleInteraction(deps, interaction, performance.now());
 */
export async function handleInteraction(
  deps: InteractionDeps,
  interaction: APIInteraction,
  startedAt: number,
): Promise<APIInteractionResponse> {
  if (interaction.type === InteractionType.Ping) return { type: InteractionResponseType.Pong };
  try {
    const result = await route(deps, interaction, startedAt);
    if ("unknown" in result) {
      const reference = referenceId();
      deps.logger.warn("interaction.unknown", {
        interactionId: interaction.id,
        target: result.unknown,
        reference,
      });
      deps.metrics.count("interaction.unknown");
      return ephemeral(`I don't know that ${result.unknown.split(" ")[0]}. Reference: \`${reference}\``);
    }
    return result;
  } catch (error) {
    if (error instanceof UnsupportedInteractionError) throw error;
    const reference = referenceId();
    const visible = isVisible(error);
    deps.logger[visible ? "warn" : "error"]("interaction.failed", {
      interactionId: interaction.id,
      reference,
      error,
    });
    deps.metrics.count("interaction.failed");
    const message = visible ? error.message : "Something went wrong on my side.";
    return ephemeral(`${message} Reference: \`${reference}\``);
  }
}
