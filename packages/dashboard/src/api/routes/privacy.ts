import { eraseSubjectData, exportSubjectData, privacySources, referenceId } from "@megawatts/core";
import { Hono } from "hono";
import type { DashboardDeps, DashboardEnv } from "../context.ts";

/**
 * *My data* in one server, for any member: the same export and erasure as `/privacy export` and
 * `/privacy delete` (every tier, the indexes, then the member's key), audited the same way.
 */
export function privacyRoutes(deps: DashboardDeps) {
  const { data, clock } = deps.ports;
  const subject = (guild: string, user: string) => ({
    guild,
    user,
    actor: `user:${user}`,
    reference: referenceId(),
  });
  return new Hono<DashboardEnv>()
    .get("/export", async (c) => {
      const { guild, session } = c.var;
      const doc = await exportSubjectData(
        { data, clock },
        await privacySources(deps.ports),
        subject(guild.id, session.userId),
      );
      c.header(
        "content-disposition",
        `attachment; filename="megawatts-export-${guild.id}-${session.userId}.json"`,
      );
      c.header("cache-control", "no-store");
      return c.body(`${JSON.stringify(doc, null, 2)}\n`, 200, { "content-type": "application/json" });
    })
    .post("/erase", async (c) => {
      const { guild, session } = c.var;
      const report = await eraseSubjectData(
        { data, clock },
        await privacySources(deps.ports),
        subject(guild.id, session.userId),
      );
      return c.json({ sources: report.sources });
    });
}
