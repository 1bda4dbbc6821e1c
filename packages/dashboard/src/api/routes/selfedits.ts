import { type Job, newId } from "@megawatts/core";
import { selfEditSettings } from "@megawatts/plugin-selfedit/config";
import { decisionJob } from "@megawatts/plugin-selfedit/decision-job";
import {
  loadRecord,
  loadRounds,
  notPending,
  recentRecords,
  requestText,
} from "@megawatts/plugin-selfedit/records";
import type { Context, MiddlewareHandler } from "hono";
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
 * Approve and Discard queue the same job as the proposal's buttons (same id, so a click in
 * Discord and one here are one action); the job edits the proposal message in Discord.
 */
export function selfEditRoutes(deps: DashboardDeps) {
  const { data, envelope, clock } = deps.ports;
  const recordOf = async (c: Context<DashboardEnv>) => {
    const id = c.req.param("request") ?? "";
    const record = REQUEST_ID.test(id) ? await loadRecord({ data }, c.var.guild.id, id) : undefined;
    if (!record) throw refuse(404, `No self-edit ${id.slice(0, 40)} in this server.`);
    return record;
  };
  const decide = (kind: "approve" | "discard") => async (c: Context<DashboardEnv>) => {
    const record = await recordOf(c);
    if (record.status !== "proposed") throw refuse(409, notPending(record, kind));
    const request = decisionJob(kind, record.requestId, record);
    const now = clock.now();
    const job: Job = {
      v: 1,
      id: request.id,
      kind: request.kind,
      // No interaction token: the job reports by editing the proposal message.
      interaction: {
        id: newId("dash"),
        applicationId: deps.oauth.clientId,
        guildId: c.var.guild.id,
        channelId: record.channelId ?? null,
        userId: c.var.session.userId,
        createdAt: now,
      },
      payload: request.payload,
      correlationId: newId("dash"),
      enqueuedAt: now,
    };
    await deps.selfEditQueue.enqueue(job);
    deps.logger.info("dashboard.selfedit-decision", { requestId: record.requestId, kind });
    return c.json({ queued: kind }, 202);
  };
  return new Hono<DashboardEnv>()
    .use(enabledHere)
    .get("/", async (c) => c.json({ requests: await recentRecords({ data }, c.var.guild.id, 50) }))
    .post("/:request/approve", decide("approve"))
    .post("/:request/discard", decide("discard"))
    .get("/:request", async (c) => {
      const record = await recordOf(c);
      const [id, guild] = [record.requestId, c.var.guild.id];
      const [request, rounds] = await Promise.all([
        requestText({ data, envelope }, guild, id),
        loadRounds({ data }, guild, id),
      ]);
      return c.json({ record, request, rounds });
    });
}
