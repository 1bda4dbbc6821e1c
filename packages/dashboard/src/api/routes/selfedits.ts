import { selfEditSettings } from "@megawatts/plugin-selfedit/config";
import { loadRecord, loadRounds, recentRecords, requestText } from "@megawatts/plugin-selfedit/records";
import type { MiddlewareHandler } from "hono";
import { Hono } from "hono";
import type { DashboardDeps, DashboardEnv } from "../context.ts";
import { refuse } from "../errors.ts";

const REQUEST_ID = /^se_[0-9A-Z]{26}$/;

/** The same door as `/improve`: self-editing must be enabled for this server. */
const enabledHere: MiddlewareHandler<DashboardEnv> = async (c, next) => {
  const { guildIds } = selfEditSettings();
  if (guildIds && !guildIds.includes(c.var.guild.id))
    throw refuse(403, "Self-editing is not enabled in this server.");
  await next();
};

/**
 * Self-edit requests in one server, for maintainers (Manage Server): the recent requests with
 * their outcome, and one request's text, rounds (decision, risk, stages, diff) and pull request.
 */
export function selfEditRoutes(deps: DashboardDeps) {
  const { data, envelope } = deps.ports;
  return new Hono<DashboardEnv>()
    .use(enabledHere)
    .get("/", async (c) => c.json({ requests: await recentRecords({ data }, c.var.guild.id, 50) }))
    .get("/:request", async (c) => {
      const id = c.req.param("request");
      const guild = c.var.guild.id;
      const record = REQUEST_ID.test(id) ? await loadRecord({ data }, guild, id) : undefined;
      if (!record) throw refuse(404, `No self-edit ${id.slice(0, 40)} in this server.`);
      const [request, rounds] = await Promise.all([
        requestText({ data, envelope }, guild, id),
        loadRounds({ data }, guild, id),
      ]);
      return c.json({ record, request, rounds });
    });
}
