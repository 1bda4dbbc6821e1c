import { CommandStore } from "./discord-sink-commands.ts";
import type { ChannelHistoryFixture } from "./discord-sink-history.ts";
import { type DiscordErrorBody, messageError } from "./discord-sink-messages.ts";
import type { GuildSink } from "./sink/guild/index.ts";

type Json = Record<string, unknown>;

export interface SinkRequest {
  method: string;
  /** Below the API base, e.g. `/webhooks/123/abc/messages/@original`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | undefined;
  /** The decoded `X-Audit-Log-Reason` header, if any. */
  reason?: string | undefined;
}

export interface SinkReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The channel every message of the sink claims to be in. */
export const SINK_CHANNEL_ID = "1000000000000000001";
const DISCORD_EPOCH = 1_420_070_400_000n;
const MESSAGE_FIELDS = ["content", "embeds", "components", "flags", "attachments", "poll"];

const fail = (status: number, body: DiscordErrorBody): SinkReply => ({ status, body });
const ok = (body: unknown): SinkReply => ({ status: 200, body });
const unknownMessage = () => fail(404, { message: "Unknown Message", code: 10008 });

/** Messages and commands of a running sink, and the routes that act on them. */
export class SinkRoutes {
  readonly #messages = new Map<string, Map<string, Json>>();
  #sequence = 0n;
  readonly #commands = new CommandStore(() => this.nextId());

  /** `history` answers `GET /channels/{id}/messages` (every channel is empty without it). */
  /** With `guilds`, the routes of the servers it models answer from their state. */
  constructor(
    private readonly history?: ChannelHistoryFixture,
    private readonly guilds?: GuildSink,
  ) {}

  /** A snowflake-shaped id that sorts by creation. */
  nextId(): string {
    this.#sequence += 1n;
    return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) + (this.#sequence % 4096n));
  }

  handle(request: SinkRequest): SinkReply {
    const { method, path } = request;
    const webhook = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path);
    const message = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(path);
    const commands = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    const channel = /^\/channels\/(\d+)\/messages(?:\/(\d+))?$/.exec(path);
    const modelled = this.guilds?.handle(request);
    if (modelled) return modelled;
    // Discord's one unauthenticated probe; health checks use it to see that REST answers.
    if (path === "/gateway" && method === "GET") return ok({ url: "wss://gateway.discord.gg" });
    if (webhook && method === "POST") return this.#execute(webhook[1] ?? "", webhook[2] ?? "", request);
    if (message) return this.#message(message[1] ?? "", message[2] ?? "", message[3] ?? "", request);
    if (callback && method === "POST") return { status: 204 };
    if (commands) return this.#commandsRoute(commands[1] ?? "", commands[2], request);
    if (channel) return this.#channelRoute(channel[1] ?? "", channel[2], request);
    if (webhook || callback) return fail(405, { message: "405: Method Not Allowed", code: 0 });
    return fail(404, { message: "404: Not Found", code: 0 });
  }

  #execute(applicationId: string, token: string, request: SinkRequest): SinkReply {
    const error = messageError(request.body, true);
    if (error) return fail(400, error);
    const created = this.#newMessage(applicationId, request.body as Json);
    this.#tokenMessages(token).set(String(created.id), created);
    // Execute Webhook answers 204 unless asked to wait for the message.
    return request.query.get("wait") === "true" ? ok(created) : { status: 204 };
  }

  #message(applicationId: string, token: string, id: string, request: SinkRequest): SinkReply {
    const messages = this.#tokenMessages(token);
    const key = id === "@original" ? `original:${token}` : id;
    // A deferred interaction always has an original reply; the sink accepts any token as deferred.
    if (id === "@original" && !messages.has(key)) messages.set(key, this.#newMessage(applicationId, {}));
    const existing = messages.get(key);
    if (!existing) return unknownMessage();
    if (request.method === "GET") return ok(existing);
    if (request.method === "DELETE") {
      messages.delete(key);
      return { status: 204 };
    }
    if (request.method !== "PATCH") return fail(405, { message: "405: Method Not Allowed", code: 0 });
    const error = messageError(request.body, false);
    if (error) return fail(400, error);
    const edited = {
      ...existing,
      ...pickMessage(request.body as Json),
      edited_timestamp: new Date().toISOString(),
    };
    messages.set(key, edited);
    return ok(edited);
  }

  #commandsRoute(applicationId: string, guildId: string | undefined, request: SinkRequest): SinkReply {
    if (!/^Bot \S+$/.test(request.authorization ?? ""))
      return fail(401, { message: "401: Unauthorized", code: 0 });
    if (request.method === "GET") {
      const withLocalizations = request.query.get("with_localizations") === "true";
      return ok(this.#commands.list(applicationId, guildId, withLocalizations));
    }
    if (request.method !== "PUT") return fail(405, { message: "405: Method Not Allowed", code: 0 });
    const result = this.#commands.overwrite(applicationId, guildId, request.body);
    return Array.isArray(result) ? ok(result) : fail(400, result);
  }

  /** `GET` and `POST /channels/{id}/messages`, `PATCH /channels/{id}/messages/{id}`, with the bot token. */
  #channelRoute(channelId: string, messageId: string | undefined, request: SinkRequest): SinkReply {
    if (!/^Bot \S+$/.test(request.authorization ?? ""))
      return fail(401, { message: "401: Unauthorized", code: 0 });
    if (messageId === undefined) {
      if (request.method === "GET") return this.history?.page(channelId, request.query) ?? ok([]);
      if (request.method !== "POST") return fail(405, { message: "405: Method Not Allowed", code: 0 });
      const error = messageError(request.body, true);
      if (error) return fail(400, error);
      const { webhook_id: _webhook, ...message } = this.#newMessage("0", request.body as Json);
      const created: Json = { ...message, channel_id: channelId };
      this.#tokenMessages(`channel:${channelId}`).set(String(created.id), created);
      return ok(created);
    }
    if (request.method !== "PATCH") return fail(405, { message: "405: Method Not Allowed", code: 0 });
    for (const messages of this.#messages.values()) {
      for (const [key, message] of messages) {
        if (message.id !== messageId) continue;
        const error = messageError(request.body, false);
        if (error) return fail(400, error);
        const edited = {
          ...message,
          ...pickMessage(request.body as Json),
          edited_timestamp: new Date().toISOString(),
        };
        messages.set(key, edited);
        return ok(edited);
      }
    }
    return unknownMessage();
  }

  #tokenMessages(token: string): Map<string, Json> {
    const existing = this.#messages.get(token);
    if (existing) return existing;
    const created = new Map<string, Json>();
    this.#messages.set(token, created);
    return created;
  }

  #newMessage(applicationId: string, body: Json): Json {
    return {
      id: this.nextId(),
      type: 0,
      channel_id: SINK_CHANNEL_ID,
      author: {
        id: applicationId,
        username: "megawatts",
        discriminator: "0000",
        global_name: null,
        avatar: null,
        bot: true,
      },
      content: "",
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      webhook_id: applicationId,
      application_id: applicationId,
      ...pickMessage(body),
    };
  }
}

function pickMessage(body: Json): Json {
  return Object.fromEntries(Object.entries(body).filter(([key]) => MESSAGE_FIELDS.includes(key)));
}
