import { mapLimit } from "../../data/paging.ts";
import { rememberMessage } from "../../memory/remember-message.ts";
import type { Clock } from "../../ports/observability.ts";
import type { PrivacyServices } from "../../privacy/sources.ts";
import type { MessageSink } from "./ports.ts";

/**
 * Stores ingested messages through the memory feature's `rememberMessage` (sealed content,
 * one item per message, opt-out respected, audited as asked by `requestedBy`), so backfilled
 * and remembered messages are the same `remembered-message` items.
 *
 * @example
 * const sink = rememberedMessageSink({ services, clock, requestedBy: interaction.member.user.id });
 * await ingestMessages({ ...deps, sink }, guildId, messages);
 */
export function rememberedMessageSink(deps: {
  services: Pick<PrivacyServices, "data" | "envelope">;
  clock: Clock;
  /** Who asked for the messages to be indexed (the member who ran the backfill). */
  requestedBy: string;
}): MessageSink {
  return {
    async storeMessages(guildId, messages) {
      await mapLimit(messages, 8, (message) =>
        rememberMessage(
          { ...deps.services, clock: deps.clock },
          {
            guild: guildId,
            channelId: message.channelId,
            messageId: message.id,
            authorId: message.authorId,
            content: message.content,
            attachments: [],
            postedAt: message.createdAt,
            requestedBy: deps.requestedBy,
          },
        ),
      );
    },
  };
}
