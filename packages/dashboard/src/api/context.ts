import type { Clock, JobQueue, Logger, PluginPorts } from "@megawatts/core";
import type { DashboardGuild, GuildAccess } from "./access.ts";
import type { DiscordUsers } from "./discord-users.ts";
import type { Session, SessionStore } from "./sessions.ts";

/** Where Discord's OAuth2 lives and who the dashboard is to it. */
export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  /** `https://<dashboard>/api/auth/callback`, registered on the Discord application. */
  redirectUri: string;
  /** `https://discord.com/oauth2/authorize` (locally the sink's page). */
  authorizeUrl: string;
  /** `https://discord.com/api/v10/oauth2/token`. */
  tokenUrl: string;
}

/** The ports the pages read and act through: the same use cases the commands run. */
export type DashboardPorts = Pick<
  PluginPorts,
  "data" | "envelope" | "subjectKeys" | "cache" | "knowledge" | "health" | "plugins" | "clock"
>;

export interface DashboardDeps {
  oauth: OAuthSettings;
  discord: DiscordUsers;
  sessions: SessionStore;
  access: GuildAccess;
  ports: DashboardPorts;
  /** The FIFO self-edit queue, where Approve and Discard go as the buttons' jobs do. */
  selfEditQueue: JobQueue;
  /** False only on the local bot's plain-HTTP address; deployed cookies are always Secure. */
  secureCookies: boolean;
  logger: Logger;
  clock: Clock;
}

export interface DashboardEnv {
  Variables: { session: Session; guild: DashboardGuild };
}
