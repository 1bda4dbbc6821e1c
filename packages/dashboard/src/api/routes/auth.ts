import { CodeChallengeMethod, generateCodeVerifier, generateState, OAuth2Client } from "arctic";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { DashboardDeps, DashboardEnv } from "../context.ts";
import { refuse } from "../errors.ts";
import { requireCsrf, requireSession, SESSION_COOKIE } from "../guards.ts";
import { SESSION_TTL_SECONDS } from "../sessions.ts";

const LOGIN_COOKIE = "mw_login";
const SCOPES = ["identify", "guilds"];

/**
 * Discord login: the authorization-code flow with PKCE and `state` (both kept in a short-lived
 * HttpOnly cookie), a session cookie (HttpOnly, Secure, SameSite=Lax) naming a session item,
 * logout, and the current session with its CSRF token for the app.
 */
export function authRoutes(deps: DashboardDeps) {
  const client = new OAuth2Client(deps.oauth.clientId, deps.oauth.clientSecret, deps.oauth.redirectUri);
  const cookie = { httpOnly: true, secure: deps.secureCookies, sameSite: "Lax" as const, path: "/" };
  return (
    new Hono<DashboardEnv>()
      .get("/login", (c) => {
        const state = generateState();
        const verifier = generateCodeVerifier();
        const url = client.createAuthorizationURLWithPKCE(
          deps.oauth.authorizeUrl,
          state,
          CodeChallengeMethod.S256,
          verifier,
          SCOPES,
        );
        setCookie(c, LOGIN_COOKIE, `${state}.${verifier}`, { ...cookie, path: "/api/auth", maxAge: 600 });
        return c.redirect(url.toString(), 302);
      })
      .get("/callback", async (c) => {
        const [state, verifier] = (getCookie(c, LOGIN_COOKIE) ?? "").split(".");
        deleteCookie(c, LOGIN_COOKIE, { path: "/api/auth" });
        const code = c.req.query("code");
        if (!state || !verifier || !code || c.req.query("state") !== state)
          throw refuse(400, "This login link is stale or was not started here: log in again.");
        const tokens = await client.validateAuthorizationCode(deps.oauth.tokenUrl, code, verifier);
        const me = await deps.discord.me(tokens.accessToken());
        const session = await deps.sessions.create({
          userId: me.id,
          username: me.username,
          accessToken: tokens.accessToken(),
        });
        setCookie(c, SESSION_COOKIE, session.id, { ...cookie, maxAge: SESSION_TTL_SECONDS });
        return c.redirect("/", 302);
      })
      // Logged out is an answer here, not an error: the app shows its login page.
      .get("/session", async (c) => {
        const session = await deps.sessions.get(getCookie(c, SESSION_COOKIE));
        if (!session) return c.json({ user: null });
        return c.json({ user: { id: session.userId, username: session.username }, csrfToken: session.csrf });
      })
      .post("/logout", requireSession(deps), requireCsrf, async (c) => {
        await deps.sessions.delete(c.var.session.id);
        deps.access.forget(c.var.session);
        deleteCookie(c, SESSION_COOKIE, { path: "/", secure: deps.secureCookies });
        return c.json({ ok: true });
      })
  );
}
