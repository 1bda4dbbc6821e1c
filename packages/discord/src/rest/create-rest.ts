import { REST, type RESTOptions } from "@discordjs/rest";

/** Discord's REST base URL, used when no other is configured. */
export const DEFAULT_DISCORD_API_URL = "https://discord.com/api/v10";
const API_VERSION = "10";

export interface DiscordRestOptions {
  /** Base URL with or without the version suffix, e.g. `https://discord.com/api/v10`. */
  apiUrl?: string | undefined;
  /** Bot token for authenticated routes; webhook routes (interaction replies) need none. */
  token?: string | undefined;
  /** The transport; defaults to undici. Tests and other runtimes may pass `fetch`. */
  makeRequest?: RESTOptions["makeRequest"];
}

/**
 * The `api` option of `@discordjs/rest`, which appends `/v{version}` itself: strips a trailing
 * `/v10` (and slashes) from a configured URL, and refuses any other API version.
 *
 * @example
 * restApiBase("http://127.0.0.1:8787/api/v10/"); // "http://127.0.0.1:8787/api"
 */
export function restApiBase(apiUrl: string): string {
  const trimmed = apiUrl.replace(/\/+$/, "");
  const version = /\/v(\d+)$/.exec(trimmed);
  if (!version) return trimmed;
  if (version[1] !== API_VERSION)
    throw new Error(`DISCORD_API_URL must point at API v${API_VERSION}, not v${version[1]}: ${apiUrl}`);
  return trimmed.slice(0, -version[0].length);
}

/**
 * Builds the REST client for Discord API v10. It queues requests per rate-limit bucket, waits
 * out 429s (`Retry-After`) and retries 5xx responses a few times.
 *
 * @example
 * const rest = createDiscordRest({ apiUrl: process.env.DISCORD_API_URL, token: process.env.DISCORD_BOT_TOKEN });
 * await rest.get(Routes.applicationCommands(applicationId));
 */
export function createDiscordRest(options: DiscordRestOptions = {}): REST {
  const rest = new REST({
    api: restApiBase(options.apiUrl ?? DEFAULT_DISCORD_API_URL),
    version: API_VERSION,
    ...(options.makeRequest ? { makeRequest: options.makeRequest } : {}),
  });
  if (options.token) rest.setToken(options.token);
  return rest;
}

/**
 * The REST client for interaction webhooks (`/webhooks/{application}/{token}`): deferred
 * replies and follow-ups, which need no bot token. Discord does not count these requests
 * against the bot's global limit of 50 a second, but `@discordjs/rest` paces every request
 * under it, so a burst of replies (a worker's batches, the local runtime's jobs all in one
 * process) would wait for each other a second at a time. This client lifts that pacing and
 * keeps the rest: per-route buckets from Discord's headers and 429s waited out.
 *
 * @example
 * const responder = new DiscordResponder(createInteractionRest({ apiUrl }), { logger });
 */
export function createInteractionRest(options: Omit<DiscordRestOptions, "token"> = {}): REST {
  return new REST({
    api: restApiBase(options.apiUrl ?? DEFAULT_DISCORD_API_URL),
    version: API_VERSION,
    globalRequestsPerSecond: Number.POSITIVE_INFINITY,
    ...(options.makeRequest ? { makeRequest: options.makeRequest } : {}),
  });
}
