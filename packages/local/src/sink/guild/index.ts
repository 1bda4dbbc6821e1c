import type { APIAutoModerationRule } from "discord-api-types/v10";
import type { SinkReply } from "../../discord-sink-routes.ts";
import { autoModRoute, autoModRules } from "./automod.ts";
import { channelRoute, guildChannelsRoute, overwriteRoute } from "./channels.ts";
import { DirectMessages } from "./direct-messages.ts";
import type { ParsedGuildFixture } from "./fixture.ts";
import { banRoute, listMembers, memberRoleRoute, memberRoute } from "./members.ts";
import { bulkDeleteRoute, messageRoute, messagesRoute, pinsRoute } from "./messages.ts";
import { fail } from "./replies.ts";
import { auditLogRoute, guildRoute, roleRoute, rolesRoute } from "./roles.ts";
import { GuildState, type SinkChannel, type GuildSnapshot as StateSnapshot } from "./state.ts";
import {
  createThreadRoute,
  isThread,
  type MemberMessage,
  memberMessage,
  threadChannelRoute,
  threadMembersRoute,
} from "./threads.ts";
import type { GuildRequest } from "./types.ts";
import { channelWebhooksRoute, executeWebhookRoute, guildWebhooksRoute, webhookRoute } from "./webhooks.ts";

export {
  DEFAULT_GUILD_FIXTURE,
  type GuildFixture,
  LOCAL_GUILD,
  loadGuildFixture,
  sinkGuildOptions,
} from "./fixture.ts";
export { actAsPerson, type HumanAction } from "./people.ts";
export type { MemberMessage } from "./threads.ts";

/** Everything the sink knows about a server, its AutoMod rules included. */
export type GuildSnapshot = StateSnapshot & { auto_moderation_rules: APIAutoModerationRule[] };

export interface GuildSinkOptions {
  /** Answer every n-th guild request with a 429 (`retry_after` 0.05 s), so clients' waiting is exercised. */
  rateLimitEvery?: number;
  /** Whether the bot has the privileged server members intent (listing members needs it). */
  membersIntent?: boolean;
}

type Route = [
  RegExp,
  (state: GuildState, match: string[], request: GuildRequest, options: GuildSinkOptions) => SinkReply,
];

const GUILD_ROUTES: Route[] = [
  [/^$/, (state, _, request) => guildRoute(state, request)],
  [/^\/roles$/, (state, _, request) => rolesRoute(state, request)],
  [/^\/roles\/(\d+)$/, (state, [roleId = ""], request) => roleRoute(state, roleId, request)],
  [/^\/members$/, (state, _, request, options) => listMembers(state, request, options.membersIntent ?? true)],
  [/^\/members\/(\d+)$/, (state, [userId = ""], request) => memberRoute(state, userId, request)],
  [
    /^\/members\/(\d+)\/roles\/(\d+)$/,
    (state, [userId = "", roleId = ""], request) => memberRoleRoute(state, userId, roleId, request),
  ],
  [/^\/bans$/, (state, _, request) => banRoute(state, undefined, request)],
  [/^\/bans\/(\d+)$/, (state, [userId = ""], request) => banRoute(state, userId, request)],
  [/^\/channels$/, (state, _, request) => guildChannelsRoute(state, request)],
  [/^\/webhooks$/, (state, _, request) => guildWebhooksRoute(state, request)],
  [/^\/audit-logs$/, (state, _, request) => auditLogRoute(state, request)],
  [/^\/auto-moderation\/rules$/, (state, _, request) => autoModRoute(state, undefined, request)],
  [/^\/auto-moderation\/rules\/(\d+)$/, (state, [ruleId], request) => autoModRoute(state, ruleId, request)],
];

type ChannelRoute = [
  RegExp,
  (state: GuildState, channel: SinkChannel, match: string[], request: GuildRequest) => SinkReply,
];

const CHANNEL_ROUTES: ChannelRoute[] = [
  [
    /^$/,
    (state, channel, _, request) =>
      isThread(channel) ? threadChannelRoute(state, channel, request) : channelRoute(state, channel, request),
  ],
  [/^\/messages$/, (state, channel, _, request) => messagesRoute(state, channel, request)],
  [/^\/messages\/bulk-delete$/, (state, channel, _, request) => bulkDeleteRoute(state, channel, request)],
  [/^\/messages\/pins$/, (state, channel, _, request) => pinsRoute(state, channel, undefined, request, true)],
  [
    /^\/messages\/pins\/(\d+)$/,
    (state, channel, [id], request) => pinsRoute(state, channel, id, request, true),
  ],
  [/^\/pins$/, (state, channel, _, request) => pinsRoute(state, channel, undefined, request, false)],
  [/^\/pins\/(\d+)$/, (state, channel, [id], request) => pinsRoute(state, channel, id, request, false)],
  [/^\/messages\/(\d+)$/, (state, channel, [id = ""], request) => messageRoute(state, channel, id, request)],
  [
    /^\/permissions\/(\d+)$/,
    (state, channel, [id = ""], request) => overwriteRoute(state, channel, id, request),
  ],
  [/^\/threads$/, (state, channel, _, request) => createThreadRoute(state, channel, request)],
  [
    /^\/thread-members$/,
    (state, channel, _, request) => threadMembersRoute(state, channel, undefined, request),
  ],
  [
    /^\/thread-members\/(\d+)$/,
    (state, channel, [userId], request) => threadMembersRoute(state, channel, userId, request),
  ],
  [/^\/webhooks$/, (state, channel, _, request) => channelWebhooksRoute(state, channel, request)],
];

/**
 * The stateful servers of the local sink: answers the guild, channel, message, pin, webhook,
 * ban and audit-log routes for the guilds it models, as the bot (the bot token's member), with
 * Discord's shapes, permission checks, role hierarchy and error codes. Requests for ids it does
 * not model return `undefined`, so the recording sink answers them as before.
 */
export class GuildSink {
  readonly #guilds = new Map<string, GuildState>();
  /** The bot's direct-message channels with the users of every modelled server. */
  readonly dms = new DirectMessages(() => this.guilds());
  #requests = 0;

  constructor(
    fixtures: readonly ParsedGuildFixture[],
    private readonly options: GuildSinkOptions = {},
  ) {
    for (const fixture of fixtures) this.#guilds.set(fixture.id, new GuildState(fixture));
  }

  guild(id: string): GuildState | undefined {
    return this.#guilds.get(id);
  }

  /** A modelled server's state, for `npm run discord -- guild` and tests; `undefined` for others. */
  snapshot(id: string): GuildSnapshot | undefined {
    const state = this.#guilds.get(id);
    return state && { ...state.snapshot(), auto_moderation_rules: [...autoModRules(state).values()] };
  }

  guilds(): GuildState[] {
    return [...this.#guilds.values()];
  }

  #channel(channelId: string): [GuildState, SinkChannel] | undefined {
    for (const state of this.#guilds.values()) {
      const channel = state.channels.get(channelId);
      if (channel) return [state, channel];
    }
    return undefined;
  }

  #webhook(webhookId: string) {
    for (const state of this.#guilds.values()) {
      const webhook = state.webhooks.get(webhookId);
      if (webhook) return [state, webhook] as const;
    }
    return undefined;
  }

  /** A member's message, as `POST /_sink/channels/{id}/messages` posts it; `undefined` for a channel not modelled. */
  memberMessage(channelId: string, body: MemberMessage): SinkReply | undefined {
    const found = this.#channel(channelId);
    return found && memberMessage(found[0], found[1], body);
  }

  /** The reply for a request addressing a modelled guild, channel or webhook; `undefined` otherwise. */
  handle(request: GuildRequest): SinkReply | undefined {
    const reply = this.#route(request);
    if (!reply) return undefined;
    this.#requests += 1;
    const every = this.options.rateLimitEvery;
    if (every && this.#requests % every === 0)
      return {
        status: 429,
        body: { message: "You are being rate limited.", retry_after: 0.05, global: false },
      };
    return reply();
  }

  #route(request: GuildRequest): (() => SinkReply) | undefined {
    const bot = /^Bot \S+$/.test(request.authorization ?? "");
    const unauthorized = () => fail(401, 0, "401: Unauthorized");
    const guild = /^\/guilds\/(\d+)(\/.*)?$/.exec(request.path);
    if (guild) {
      const state = this.#guilds.get(guild[1] ?? "");
      if (!state) return undefined;
      for (const [pattern, handler] of GUILD_ROUTES) {
        const match = pattern.exec(guild[2] ?? "");
        if (match) return bot ? () => handler(state, match.slice(1), request, this.options) : unauthorized;
      }
      return () => fail(404, 0, "404: Not Found");
    }
    if (request.path === "/users/@me/channels") return bot ? () => this.dms.open(request) : unauthorized;
    const channel = /^\/channels\/(\d+)(\/.*)?$/.exec(request.path);
    if (channel && this.dms.has(channel[1] ?? "")) {
      if (channel[2] !== "/messages") return () => fail(404, 0, "404: Not Found");
      return bot ? () => this.dms.send(channel[1] ?? "", request) : unauthorized;
    }
    if (channel) {
      const found = this.#channel(channel[1] ?? "");
      if (!found) return undefined;
      for (const [pattern, handler] of CHANNEL_ROUTES) {
        const match = pattern.exec(channel[2] ?? "");
        if (match) return bot ? () => handler(found[0], found[1], match.slice(1), request) : unauthorized;
      }
      return () => fail(404, 0, "404: Not Found");
    }
    const webhook = /^\/webhooks\/(\d+)(?:\/([^/]+))?$/.exec(request.path);
    const hook = webhook ? this.#webhook(webhook[1] ?? "") : undefined;
    if (!webhook || !hook) return undefined;
    const [state, found] = hook;
    if (webhook[2]) return () => executeWebhookRoute(state, found, webhook[2] ?? "", request);
    return bot ? () => webhookRoute(state, found, request) : unauthorized;
  }
}
