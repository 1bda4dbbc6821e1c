export { ACCESS_TTL_MS, type DashboardGuild, GuildAccess } from "./access.ts";
export { createDashboardApi } from "./app.ts";
export type { DashboardDeps, DashboardPorts, OAuthSettings } from "./context.ts";
export { type DiscordUsers, restDiscordUsers } from "./discord-users.ts";
export { SESSION_TTL_SECONDS, type Session, SessionStore } from "./sessions.ts";
