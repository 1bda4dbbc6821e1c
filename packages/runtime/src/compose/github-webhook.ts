import {
  type ChannelMessages,
  type Clock,
  createWarmData,
  type DocumentStore,
  type Logger,
  SealedSchema,
  systemClock,
} from "@megawatts/core";
import { applyGithubEvent } from "@megawatts/plugin-selfedit/github-events";
import { createGithubWebhookEndpoint } from "@megawatts/selfedit/webhook";

export interface GithubWebhookParts {
  /** The GitHub App's webhook secret; empty refuses every delivery. */
  secret: string;
  /** The raw warm-tier adapter (e.g. `DynamoDocumentStore`); only self-edit records are touched. */
  store: DocumentStore;
  /** Channel messages through the bot token (e.g. `DiscordChannelMessages`). */
  messages: ChannelMessages;
  logger: Logger;
  clock?: Clock;
}

/**
 * Puts the `POST /github` endpoint together: signature check, then check and pull-request
 * events applied to their self-edit record and its Discord message. It needs no GitHub client
 * and no keys (nothing sealed is read).
 *
 * @example
 * const endpoint = composeGithubWebhook({ secret, store: new DynamoDocumentStore({ client, tableName }),
 *   messages: new DiscordChannelMessages(rest), logger });
 */
export function composeGithubWebhook(parts: GithubWebhookParts) {
  const clock = parts.clock ?? systemClock;
  const isSealed = (value: unknown) => SealedSchema.safeParse(value).success;
  const deps = {
    data: createWarmData({ store: parts.store, clock, isSealed }),
    messages: parts.messages,
    clock,
    logger: parts.logger,
  };
  return createGithubWebhookEndpoint({
    secret: parts.secret,
    logger: parts.logger,
    handle: async (event) => {
      await applyGithubEvent(deps, event);
    },
  });
}
