import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { DashboardDeps, DashboardEnv } from "./context.ts";
import { refuse } from "./errors.ts";
import { sameToken } from "./sessions.ts";

export const SESSION_COOKIE = "mw_session";
const SNOWFLAKE = /^\d{17,20}$/;

/** Loads the session named by the cookie, or refuses with 401. */
export function requireSession(deps: DashboardDeps): MiddlewareHandler<DashboardEnv> {
  return createMiddleware<DashboardEnv>(async (c, next) => {
    const session = await deps.sessions.get(getCookie(c, SESSION_COOKIE));
    if (!session) throw refuse(401, "Log in with Discord first.");
    c.set("session", session);
    await next();
  });
}

/** Every call that changes something carries the session's CSRF token in `X-CSRF-Token`. */
export const requireCsrf = createMiddleware<DashboardEnv>(async (c, next) => {
  if (c.req.method !== "GET" && !sameToken(c.req.header("x-csrf-token"), c.var.session.csrf))
    throw refuse(403, "This request lacks the page's CSRF token: reload the page and try again.");
  await next();
});

/**
 * The server in the path, re-checked against Discord (cached at most a minute): the bot must be
 * in it and so must the user, holding Manage Server unless `member` pages (their own data) are asked.
 */
export function requireGuild(
  deps: DashboardDeps,
  need: "manage" | "member",
): MiddlewareHandler<DashboardEnv> {
  return createMiddleware<DashboardEnv>(async (c, next) => {
    const id = c.req.param("guild") ?? "";
    const guild = SNOWFLAKE.test(id) ? await deps.access.guild(c.var.session, id) : undefined;
    if (!guild) throw refuse(404, "That server is not one of yours with the bot in it.");
    if (need === "manage" && !guild.manage)
      throw refuse(403, `You need the Manage Server permission in ${guild.name} to manage the bot there.`);
    c.set("guild", guild);
    await next();
  });
}
