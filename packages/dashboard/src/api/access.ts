import { PermissionFlagsBits } from "discord-api-types/v10";
import { LRUCache } from "lru-cache";
import type { DiscordUsers } from "./discord-users.ts";
import type { Session } from "./sessions.ts";

/** How long a member's servers and permissions are trusted before Discord is asked again. */
export const ACCESS_TTL_MS = 60_000;

const MANAGERS = PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild;

export interface DashboardGuild {
  id: string;
  name: string;
  icon: string | null;
  /** Manage Server (or Administrator, or owner): the server's pages are open to them. */
  manage: boolean;
  /** The member's base permissions in the server, as Discord computed them. */
  permissions: string;
}

/**
 * Which servers a session's user may see: those the bot is in and they are in, each marked
 * manageable when they hold Manage Server there. Kept per session and for the bot for at most
 * `ttlMs`, so a permission removed in Discord stops working within a minute.
 *
 * @example
 * const access = new GuildAccess(users);
 * const guild = await access.guild(session, guildId); // undefined: not theirs
 */
export class GuildAccess {
  readonly #users: LRUCache<string, DashboardGuild[]>;
  readonly #bot: LRUCache<"bot", Set<string>>;

  constructor(
    private readonly discord: DiscordUsers,
    ttlMs = ACCESS_TTL_MS,
  ) {
    this.#users = new LRUCache({ max: 5_000, ttl: ttlMs });
    this.#bot = new LRUCache({ max: 1, ttl: ttlMs });
  }

  async guilds(session: Session): Promise<DashboardGuild[]> {
    const cached = this.#users.get(session.id);
    if (cached) return cached;
    const [mine, bot] = await Promise.all([this.discord.guilds(session.accessToken), this.#botGuilds()]);
    const guilds = mine
      .filter((guild) => bot.has(guild.id))
      .map((guild) => {
        const permissions = BigInt(guild.permissions ?? "0");
        const manage = guild.owner === true || (permissions & MANAGERS) !== 0n;
        return {
          id: guild.id,
          name: guild.name,
          icon: guild.icon,
          manage,
          permissions: permissions.toString(),
        };
      });
    this.#users.set(session.id, guilds);
    return guilds;
  }

  async guild(session: Session, guildId: string): Promise<DashboardGuild | undefined> {
    return (await this.guilds(session)).find((guild) => guild.id === guildId);
  }

  forget(session: Session): void {
    this.#users.delete(session.id);
  }

  async #botGuilds(): Promise<Set<string>> {
    const cached = this.#bot.get("bot");
    if (cached) return cached;
    const ids = new Set((await this.discord.botGuilds()).map((guild) => guild.id));
    this.#bot.set("bot", ids);
    return ids;
  }
}
