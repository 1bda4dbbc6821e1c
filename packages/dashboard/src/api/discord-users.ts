import type { REST } from "@discordjs/rest";
import {
  type RESTAPIPartialCurrentUserGuild,
  type RESTGetAPICurrentUserResult,
  Routes,
} from "discord-api-types/v10";

/** What the dashboard asks Discord about a user (their token) and about the bot (its token). */
export interface DiscordUsers {
  me(accessToken: string): Promise<{ id: string; username: string }>;
  guilds(accessToken: string): Promise<RESTAPIPartialCurrentUserGuild[]>;
  /** The servers the bot is in. */
  botGuilds(): Promise<RESTAPIPartialCurrentUserGuild[]>;
}

/**
 * Discord's `/users/@me` and `/users/@me/guilds` through the bot's REST client (which queues per
 * rate-limit bucket and waits out 429s), with the user's bearer token or the bot token.
 *
 * @example
 * const users = restDiscordUsers(createDiscordRest({ apiUrl, token: botToken }));
 */
export function restDiscordUsers(rest: REST): DiscordUsers {
  const asUser = (accessToken: string) => ({
    auth: false,
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return {
    async me(accessToken) {
      const user = (await rest.get(Routes.user(), asUser(accessToken))) as RESTGetAPICurrentUserResult;
      return { id: user.id, username: user.global_name ?? user.username };
    },
    guilds: async (accessToken) =>
      (await rest.get(Routes.userGuilds(), asUser(accessToken))) as RESTAPIPartialCurrentUserGuild[],
    botGuilds: async () => (await rest.get(Routes.userGuilds())) as RESTAPIPartialCurrentUserGuild[],
  };
}
