import { DiscordAPIError, type REST } from "@discordjs/rest";
import {
  type Clock,
  type InteractionRef,
  type InteractionResponder,
  type Logger,
  type MessagePayload,
  silentLogger,
  systemClock,
  TOKEN_LIFETIME_MS,
  TOKEN_SAFETY_MARGIN_MS,
} from "@megawatts/core";
import { MessageFlags, RESTJSONErrorCodes, Routes } from "discord-api-types/v10";
import { splitMessage } from "./split-message.ts";

/** Raised instead of sending once an interaction token is too close to its 15-minute end. */
export class TokenExpiredError extends Error {
  override name = "TokenExpiredError";
  constructor(
    readonly interactionId: string,
    readonly usableUntil: number,
  ) {
    super(
      `interaction ${interactionId} can no longer be answered (token usable until ${new Date(usableUntil).toISOString()})`,
    );
  }
}

export interface DiscordResponderOptions {
  clock?: Clock;
  logger?: Logger;
  /** Waits before retrying a 404 race right after a defer; one retry per entry. */
  raceRetryDelaysMs?: readonly number[];
}

// Right after a defer, Discord may not know the interaction's webhook yet.
const RACE_CODES = new Set<number>([
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.UnknownWebhook,
]);

function isRace(error: unknown): error is DiscordAPIError {
  return error instanceof DiscordAPIError && error.status === 404 && RACE_CODES.has(Number(error.code));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Answers interactions through their webhook token: edits the deferred reply and sends
 * follow-ups, splitting what exceeds Discord's limits. Rate limits (429) are waited out by the
 * REST client; the 404 race after a defer is retried with backoff; nothing is sent once the
 * token is about to expire.
 *
 * @example
 * const responder = new DiscordResponder(createDiscordRest({ apiUrl }), { logger });
 * await responder.editOriginal(job.interaction, { content: "Done." });
 */
export class DiscordResponder implements InteractionResponder {
  readonly #rest: REST;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #delays: readonly number[];

  constructor(rest: REST, options: DiscordResponderOptions = {}) {
    this.#rest = rest;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
    this.#delays = options.raceRetryDelaysMs ?? [250, 500, 1000];
  }

  async editOriginal(interaction: InteractionRef, message: MessagePayload): Promise<void> {
    const [first = {}, ...rest] = splitMessage(message);
    // The reply's visibility was fixed by the defer; an edit cannot change it.
    const flags = first.flags === undefined ? {} : { flags: first.flags & ~MessageFlags.Ephemeral };
    const route = Routes.webhookMessage(interaction.applicationId, interaction.token, "@original");
    await this.#send(interaction, () =>
      this.#rest.patch(route, { body: { ...first, ...flags }, auth: false }),
    );
    for (const chunk of rest) await this.#post(interaction, chunk);
  }

  async followUp(interaction: InteractionRef, message: MessagePayload): Promise<void> {
    for (const chunk of splitMessage(message)) await this.#post(interaction, chunk);
  }

  #post(interaction: InteractionRef, body: MessagePayload) {
    const route = Routes.webhook(interaction.applicationId, interaction.token);
    const query = new URLSearchParams({ wait: "true" });
    return this.#send(interaction, () => this.#rest.post(route, { body, query, auth: false }));
  }

  async #send(interaction: InteractionRef, request: () => Promise<unknown>): Promise<void> {
    const usableUntil = interaction.createdAt + TOKEN_LIFETIME_MS - TOKEN_SAFETY_MARGIN_MS;
    for (let attempt = 0; ; attempt += 1) {
      if (this.#clock.now() >= usableUntil) throw new TokenExpiredError(interaction.id, usableUntil);
      try {
        await request();
        return;
      } catch (error) {
        const delayMs = this.#delays[attempt];
        if (!isRace(error) || delayMs === undefined) throw error;
        this.#logger.warn("discord.reply-race", {
          interactionId: interaction.id,
          code: error.code,
          attempt: attempt + 1,
          delayMs,
        });
        await sleep(delayMs);
      }
    }
  }
}
