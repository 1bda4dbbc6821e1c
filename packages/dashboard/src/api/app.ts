import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { DashboardDeps, DashboardEnv } from "./context.ts";
import { answerError } from "./errors.ts";
import { requireCsrf, requireGuild, requireSession } from "./guards.ts";
import { auditRoutes } from "./routes/audit.ts";
import { authRoutes } from "./routes/auth.ts";
import { caseRoutes } from "./routes/cases.ts";
import { knowledgeRoutes } from "./routes/knowledge.ts";
import { overviewRoutes } from "./routes/overview.ts";
import { pluginRoutes } from "./routes/plugins.ts";
import { privacyRoutes } from "./routes/privacy.ts";
import { selfEditRoutes } from "./routes/selfedits.ts";
import { ticketRoutes } from "./routes/tickets.ts";

/**
 * The dashboard's JSON API under `/api/`: Discord login, then per server (re-checked against
 * Discord on every call, cached at most a minute) its overview, plugins, knowledge, self-edits, moderation cases, tickets and audit log for members
 * with Manage Server, and *My data* for every member. Every state-changing call needs the
 * session's CSRF token.
 *
 * @example
 * const app = createDashboardApi(deps);
 * const response = await app.fetch(new Request("https://bot.example/api/guilds"));
 */
export function createDashboardApi(deps: DashboardDeps) {
  const session = requireSession(deps);
  const manage = new Hono<DashboardEnv>()
    .use(session, requireCsrf, requireGuild(deps, "manage"))
    .route("/overview", overviewRoutes(deps))
    .route("/plugins", pluginRoutes(deps))
    .route("/knowledge", knowledgeRoutes(deps))
    .route("/selfedits", selfEditRoutes(deps))
    .route("/cases", caseRoutes(deps))
    .route("/tickets", ticketRoutes(deps))
    .route("/audit", auditRoutes(deps));
  const member = new Hono<DashboardEnv>()
    .use(session, requireCsrf, requireGuild(deps, "member"))
    .route("/", privacyRoutes(deps));
  return new Hono<DashboardEnv>()
    .basePath("/api")
    .use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }))
    .use(async (c, next) => {
      await next();
      c.header("cache-control", "no-store");
    })
    .onError(answerError(deps.logger))
    .notFound((c) => c.json({ error: `There is no ${c.req.method} ${c.req.path} here.` }, 404))
    .route("/auth", authRoutes(deps))
    .get("/guilds", session, async (c) => c.json({ guilds: await deps.access.guilds(c.var.session) }))
    .route("/guilds/:guild/me", member)
    .route("/guilds/:guild", manage);
}
