import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIMessage } from "discord-api-types/v10";
import type { ChannelHistoryFixture } from "./discord-sink-history.ts";
import { lastMessageWith } from "./discord-sink-messages.ts";
import { type SinkReply, SinkRoutes } from "./discord-sink-routes.ts";
import { GuildFixtureSchema } from "./sink/guild/fixture.ts";
import {
  actAsPerson,
  type GuildFixture,
  GuildSink,
  type GuildSinkOptions,
  type GuildSnapshot,
  type HumanAction,
  type MemberMessage,
} from "./sink/guild/index.ts";
import { OAuthProvider, type OAuthReply } from "./sink/oauth/index.ts";

const API_BASE = "/api/v10";

/** One request the sink received. */
export interface SinkEvent {
  method: string;
  /** Below the API base, e.g. `/webhooks/123/abc/messages/@original`. */
  path: string;
  query: Record<string, string>;
  /** The JSON body (or a multipart request's `payload_json`), null when there was none. */
  body: unknown;
  /** Files a multipart request carried (`files[n]`), e.g. an export the bot attached. */
  files?: SinkFile[];
  status: number;
  /** The interaction (webhook) token the request addressed, if any. */
  token?: string;
  at: number;
}

/** One file of a multipart request, as recorded. */
export interface SinkFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  name: string;
  contentType: string;
  size: number;
  /** The bytes, base64. */
  data: string;
}

export interface SinkMatch {
  method?: string;
  pathIncludes?: string;
  /** Let this many matching requests through before failing (e.g. fail the third page). */
  after?: number;
}

export interface DiscordSink {
  /** The REST base, e.g. `http://127.0.0.1:53211/api/v10`. */
  url: string;
  port: number;
  /** Recorded requests, oldest first; only those addressing `token` when given. */
  events(token?: string): SinkEvent[];
  /** Resolves with the first recorded event (past or future) matching `predicate`. */
  waitFor(predicate: (event: SinkEvent) => boolean, timeoutMs?: number): Promise<SinkEvent>;
  /** Answers the next `times` matching requests with `response` instead of handling them. */
  failNext(match: SinkMatch, response: SinkReply, times?: number): void;
  /** The state of a modelled server (roles, members, channels, messages, bans, audit log). */
  guild(id: string): GuildSnapshot | undefined;
  /** A person's ban, unban, kick or timeout in Discord's own UI (not through the bot); the audit-log entry id. */
  act(guildId: string, action: HumanAction): string;
  /** The direct messages the bot sent a user. */
  dms(userId: string): APIMessage[];
  /** The channel history it serves, to which a test or a demo can post new messages. */
  history?: ChannelHistoryFixture | undefined;
  close(): Promise<void>;
}

/** Raised by `waitFor` when no matching request arrives in time. */
export class SinkTimeoutError extends Error {
  override name = "SinkTimeoutError";
}

interface Failure {
  match: SinkMatch;
  response: SinkReply;
  remaining: number;
}

async function readBody(request: IncomingMessage): Promise<{ body: unknown; files: SinkFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: null, files: [] };
  const type = request.headers["content-type"] ?? "";
  if (type.startsWith("application/x-www-form-urlencoded"))
    return { body: Object.fromEntries(new URLSearchParams(raw.toString("utf8"))), files: [] };
  if (!type.startsWith("multipart/form-data")) return { body: JSON.parse(raw.toString("utf8")), files: [] };
  const form = await new Response(raw, { headers: { "content-type": type } }).formData();
  const payload = form.get("payload_json");
  const files: SinkFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === "string" || !/^files\[\d+\]$/.test(field)) continue;
    const bytes = Buffer.from(await value.arrayBuffer());
    const contentType = value.type || "application/octet-stream";
    files.push({ field, name: value.name, contentType, size: bytes.length, data: bytes.toString("base64") });
  }
  const body = typeof payload === "string" ? JSON.parse(payload) : {};
  return { body: files.length > 0 ? withAttachments(body, files) : body, files };
}

/** The message's `attachments` as Discord answers them: the bot's entries with each file's details. */
function withAttachments(body: Record<string, unknown>, files: SinkFile[]) {
  const listed = Array.isArray(body.attachments) ? (body.attachments as Record<string, unknown>[]) : [];
  const attachments = files.map((file, index) => ({
    ...listed[index],
    id: String(listed[index]?.id ?? index),
    filename: file.name,
    size: file.size,
    content_type: file.contentType,
  }));
  return { ...body, attachments };
}

/** Discord's rate-limit headers for a 429, derived from its `retry_after` unless given. */
function rateLimitHeaders(response: SinkReply): Record<string, string> {
  const body = (response.body ?? {}) as { retry_after?: number; global?: boolean };
  const retryAfter = String(body.retry_after ?? 1);
  return {
    "retry-after": retryAfter,
    "x-ratelimit-limit": "5",
    "x-ratelimit-remaining": "0",
    "x-ratelimit-reset-after": retryAfter,
    "x-ratelimit-bucket": "sink-bucket",
    "x-ratelimit-scope": body.global ? "global" : "user",
    ...(body.global ? { "x-ratelimit-global": "true" } : {}),
  };
}

/** `POST /_sink/guilds/{id}/act`: a person's action in Discord's UI, for the audit-log sync to find. */
function actRoute(guilds: GuildSink, guildId: string, request: { body: unknown }): SinkReply {
  const state = guilds.guild(guildId);
  if (!state) return { status: 404, body: { message: "Unknown Guild", code: 10004 } };
  try {
    return { status: 200, body: { audit_log_entry_id: actAsPerson(state, request.body as HumanAction) } };
  } catch (error) {
    return {
      status: 400,
      body: { message: error instanceof Error ? error.message : String(error), code: 0 },
    };
  }
}

function send(response: ServerResponse, reply: SinkReply) {
  const headers =
    reply.status === 429 ? { ...rateLimitHeaders(reply), ...reply.headers } : (reply.headers ?? {});
  if (reply.status === 204 || reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  response.writeHead(reply.status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(reply.body));
}

function sendOAuth(response: ServerResponse, reply: OAuthReply) {
  if (reply.location) return response.writeHead(reply.status, { location: reply.location }).end();
  if (reply.html !== undefined) {
    const csp =
      "default-src 'none'; form-action 'self' http: https:; base-uri 'none'; frame-ancestors 'none'";
    const headers = { "content-type": "text/html; charset=utf-8", "content-security-policy": csp };
    return response.writeHead(reply.status, headers).end(reply.html);
  }
  send(response, { status: reply.status, body: reply.body });
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const notFound = { status: 404, body: { message: "404: Not Found", code: 0 } };

function auditReason(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined ? undefined : safeDecode(value);
}

function tokenOf(path: string): string | undefined {
  return /^\/(?:webhooks|interactions)\/\d+\/([^/]+)/.exec(path)?.[1];
}

/**
 * Starts a local stand-in for Discord's REST API on loopback: it answers interaction replies,
 * follow-ups and command overwrites as Discord does, records every request, and can be told
 * to fail the next requests (404 races, 429s) to exercise the bot's handling of them. With a
 * `history` it serves `GET /channels/{id}/messages` (bot token required) from it. Files
 * sent as multipart (`payload_json` and `files[n]`) are recorded with the event.
 * `GET /_sink/webhooks/{token}` returns the events of one interaction token as JSON, and
 * `GET /_sink/messages?custom_id=…` the last message the bot sent with that component, so a
 * simulated click can carry its message as Discord's does.
 *
 * @example
 * const sink = await startDiscordSink({ port: 0 });
 * const rest = createDiscordRest({ apiUrl: sink.url, token: "local" });
 * await sink.waitFor((event) => event.method === "PATCH");
 */
export async function startDiscordSink(
  options: {
    port?: number;
    host?: "127.0.0.1";
    history?: ChannelHistoryFixture;
    /** Servers to model with state; none by default. */
    guilds?: GuildFixture[];
    guildOptions?: GuildSinkOptions;
  } = {},
): Promise<DiscordSink> {
  const guilds = new GuildSink(
    (options.guilds ?? []).map((fixture) => GuildFixtureSchema.parse(fixture)),
    options.guildOptions,
  );
  const routes = new SinkRoutes(options.history, guilds);
  const oauth = new OAuthProvider(guilds);
  const recorded: SinkEvent[] = [];
  const failures: Failure[] = [];
  const waiters = new Set<(event: SinkEvent) => void>();

  const record = (event: SinkEvent) => {
    recorded.push(event);
    for (const waiter of waiters) waiter(event);
  };
  const takeFailure = (method: string, path: string) => {
    const failure = failures.find(
      ({ match, remaining }) =>
        remaining > 0 &&
        (!match.method || match.method.toUpperCase() === method) &&
        (!match.pathIncludes || path.includes(match.pathIncludes)),
    );
    if (failure?.match.after) {
      failure.match.after -= 1;
      return undefined;
    }
    if (failure) failure.remaining -= 1;
    return failure?.response;
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://sink");
    const method = request.method ?? "GET";
    const inspect = /^\/_sink\/webhooks\/([^/]+)$/.exec(url.pathname);
    if (inspect && method === "GET") {
      const token = decodeURIComponent(inspect[1] ?? "");
      return send(response, { status: 200, body: recorded.filter((event) => event.token === token) });
    }
    const guildState = /^\/_sink\/guilds(?:\/(\d+))?$/.exec(url.pathname);
    if (guildState && method === "GET") {
      if (!guildState[1])
        return send(response, {
          status: 200,
          body: guilds.guilds().map((state) => ({ id: state.id, name: state.name })),
        });
      const snapshot = guilds.snapshot(guildState[1]);
      return send(
        response,
        snapshot
          ? { status: 200, body: snapshot }
          : { status: 404, body: { message: "Unknown Guild", code: 10004 } },
      );
    }
    const act = /^\/_sink\/guilds\/(\d+)\/act$/.exec(url.pathname);
    if (act && method === "POST")
      return send(response, actRoute(guilds, act[1] ?? "", await readBody(request)));
    if (url.pathname === "/_sink/messages" && method === "GET") {
      const message = lastMessageWith(recorded, url.searchParams.get("custom_id") ?? "");
      return send(response, message ? { status: 200, body: message } : notFound);
    }
    const said = /^\/_sink\/channels\/(\d+)\/messages$/.exec(url.pathname);
    if (said && method === "POST") {
      const { body } = await readBody(request).catch(() => ({ body: undefined }));
      return send(response, guilds.memberMessage(said[1] ?? "", body as MemberMessage) ?? notFound);
    }
    if (url.pathname === "/oauth2/authorize" && (method === "GET" || method === "POST")) {
      const form = method === "POST" ? ((await readBody(request)).body as Record<string, string>) : {};
      const params = method === "POST" ? new URLSearchParams(form) : url.searchParams;
      return sendOAuth(response, oauth.authorize(method, params));
    }
    if (!url.pathname.startsWith(`${API_BASE}/`)) return send(response, notFound);
    // Clients may percent-encode "@original"; Discord reads both forms.
    const path = safeDecode(url.pathname.slice(API_BASE.length));
    let body: unknown;
    let files: SinkFile[] = [];
    try {
      ({ body, files } = await readBody(request));
    } catch {
      return send(response, {
        status: 400,
        body: { message: "The request body contains invalid JSON.", code: 50109 },
      });
    }
    const authorization = request.headers.authorization;
    if (path === "/oauth2/token" && method === "POST")
      return sendOAuth(response, oauth.token((body ?? {}) as Record<string, string>, authorization));
    const users = method === "GET" ? oauth.users(path, authorization) : undefined;
    if (users) return sendOAuth(response, users);
    const reply =
      takeFailure(method, path) ??
      routes.handle({
        method,
        path,
        query: url.searchParams,
        body,
        authorization: request.headers.authorization,
        reason: auditReason(request.headers["x-audit-log-reason"]),
      });
    const token = tokenOf(path);
    const query = Object.fromEntries(url.searchParams);
    const attached = files.length > 0 ? { files } : {};
    record({
      method,
      path,
      query,
      body,
      ...attached,
      status: reply.status,
      ...(token ? { token } : {}),
      at: Date.now(),
    });
    send(response, reply);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}${API_BASE}`,
    port,
    events: (token) => recorded.filter((event) => token === undefined || event.token === token),
    waitFor(predicate, timeoutMs = 5000) {
      const found = recorded.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = (event: SinkEvent) => {
          if (!predicate(event)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(event);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new SinkTimeoutError(`no matching Discord request within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    guild: (id) => guilds.snapshot(id),
    act(guildId, action) {
      const state = guilds.guild(guildId);
      if (!state) throw new Error(`the sink models no guild ${guildId}`);
      return actAsPerson(state, action);
    },
    dms: (userId) => guilds.dms.received(userId),
    failNext(match, response, times = 1) {
      failures.push({ match: { ...match }, response, remaining: times });
    },
    history: options.history,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
