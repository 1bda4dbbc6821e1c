import { checkDependencies } from "@megawatts/core";
import { Hono } from "hono";
import type { DashboardDeps, DashboardEnv } from "../context.ts";

// The same probe bounds as `/status`.
const PROBE = { timeoutMs: 2_000, slowMs: 500 };
const WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * A server's overview: every dependency's state as `/status` probes it, and usage counters (what
 * the audit log recorded here in the last 30 days, by action).
 */
export function overviewRoutes(deps: DashboardDeps) {
  return new Hono<DashboardEnv>().get("/", async (c) => {
    const to = deps.clock.now();
    const [checks, audit] = await Promise.all([
      checkDependencies(deps.ports.health, PROBE),
      deps.ports.data.audit.query(c.var.guild.id, { from: to - WINDOW_MS, to, limit: 1_000 }),
    ]);
    const usage: Record<string, number> = {};
    for (const entry of audit.items) usage[entry.action] = (usage[entry.action] ?? 0) + 1;
    return c.json({
      guild: c.var.guild,
      checks: checks.map(({ name, kind, state, latencyMs, detail }) => ({
        name,
        kind,
        state,
        latencyMs,
        detail,
      })),
      usage: Object.entries(usage).map(([action, count]) => ({ action, count })),
      usageComplete: audit.cursor === undefined,
    });
  });
}
