import { DiscordAPIError, type REST } from "@discordjs/rest";
import {
  type Clock,
  type InteractionRef,
  type InteractionResponder,
  type Logger,
  type MessageFile,
  type MessagePayload,
  type ResponderMessage,
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
 * const responder = new DiscordResponder(createInteractionRest({ apiUrl }), { logger });
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

  async editOriginal(interaction: InteractionRef, message: ResponderMessage): Promise<void> {
    const { files = [], ...body } = message;
    const [first = {}, ...rest] = splitMessage(body);
    // The reply's visibility was fixed by the defer; an edit cannot change it.
    const flags = first.flags === undefined ? {} : { flags: first.flags & ~MessageFlags.Ephemeral };
    const route = Routes.webhookMessage(interaction.applicationId, interaction.token, "@original");
    const request = withFiles({ ...first, ...flags }, files);
    await this.#send(interaction, () => this.#rest.patch(route, { ...request, auth: false }));
    for (const chunk of rest) await this.#post(interaction, chunk);
  }

  async followUp(interaction: InteractionRef, message: ResponderMessage): Promise<void> {
    const { files = [], ...body } = message;
    const chunks = splitMessage(body);
    for (const [index, chunk] of chunks.entries())
      await this.#post(interaction, chunk, index === 0 ? files : []);
  }

  #post(interaction: InteractionRef, body: MessagePayload, files: readonly MessageFile[] = []) {
    const route = Routes.webhook(interaction.applicationId, interaction.token);
    const query = new URLSearchParams({ wait: "true" });
    const request = withFiles(body, files);
    return this.#send(interaction, () => this.#rest.post(route, { ...request, query, auth: false }));
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

/**
 * The request for a message with files: the REST client sends it as multipart (`payload_json`
 * and `files[n]`), and `attachments` names each new file for Discord, as an edit requires.
 */
function withFiles(body: MessagePayload, files: readonly MessageFile[]) {
  if (files.length === 0) return { body };
  const attachments = files.map((file, id) => ({ id, filename: file.name }));
  const raw = files.map((file) => ({
    name: file.name,
    data: file.data,
    ...(file.contentType ? { contentType: file.contentType } : {}),
  }));
  return { body: { ...body, attachments }, files: raw };
}
