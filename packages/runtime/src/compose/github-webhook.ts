import {
  type ChannelMessages,
  type Clock,
  ConditionFailedError,
  createWarmData,
  type DocumentStore,
  type Logger,
  SealedSchema,
  systemClock,
} from "@megawatts/core";
import { applyGithubEvent } from "@megawatts/plugin-selfedit/github-events";
import { createGithubWebhookEndpoint, type DeliveryLog } from "@megawatts/selfedit/webhook";

// GitHub keeps deliveries for redelivery about this long.
const DELIVERY_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * Applied deliveries as idempotency items in the table (`idempotency#github-deliveries`),
 * claimed with a conditional put and expiring by TTL.
 */
function deliveryLog(store: DocumentStore, clock: Clock): DeliveryLog {
  const key = (delivery: string) => ({ pk: "idempotency#github-deliveries", sk: delivery });
  return {
    async claim(delivery) {
      const now = clock.now();
      try {
        await store.put(
          {
            ...key(delivery),
            cls: "idempotency",
            v: 1,
            tenant: "system",
            createdAt: now,
            updatedAt: now,
            expiresAt: Math.floor(now / 1000) + DELIVERY_TTL_SECONDS,
            data: { status: "applied" },
          },
          { ifAbsent: true },
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionFailedError) return false;
        throw error;
      }
    },
    release: (delivery) => store.delete(key(delivery)),
  };
}

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
    deliveries: deliveryLog(parts.store, clock),
    handle: async (event) => {
      await applyGithubEvent(deps, event);
    },
  });
}
