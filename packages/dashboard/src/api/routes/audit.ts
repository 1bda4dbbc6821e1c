import { Hono } from "hono";
import { z } from "zod";
import type { DashboardDeps, DashboardEnv } from "../context.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const QuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
  cursor: z.string().max(400).optional(),
});

/** The server's audit log (ids, actions and counts only), newest page of the chosen window. */
export function auditRoutes(deps: DashboardDeps) {
  return new Hono<DashboardEnv>().get("/", async (c) => {
    const { days, cursor } = QuerySchema.parse(c.req.query());
    const to = deps.clock.now();
    const page = await deps.ports.data.audit.query(c.var.guild.id, {
      from: to - days * DAY_MS,
      to,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    return c.json({ entries: [...page.items].reverse(), ...(page.cursor ? { cursor: page.cursor } : {}) });
  });
}
