import { BlobArchivedError, tenantPk } from "@megawatts/core";
import {
  ARCHIVED_CASE,
  editReason,
  listCases,
  loadCase,
  reasonHistory,
  toRecord,
} from "@megawatts/plugin-moderation/cases";
import { Hono } from "hono";
import { z } from "zod";
import type { DashboardDeps, DashboardEnv } from "../context.ts";
import { refuse } from "../errors.ts";

const Snowflake = z.string().regex(/^\d{17,20}$/, "a Discord id (17 to 20 digits)");
const FiltersSchema = z.object({
  member: Snowflake.optional(),
  moderator: Snowflake.optional(),
  action: z
    .string()
    .regex(/^[a-z-]{1,20}$/)
    .optional(),
  cursor: z.string().max(400).optional(),
});
const ReasonSchema = z.object({ reason: z.string().trim().min(1, "Write the new reason.").max(512) });
const NumberSchema = z.coerce.number().int().min(1).max(9_999_999_999);
// A case item (`CASE#<10 digits>`), not one of its reason revisions (`…#R<time>`).
const CASE_ITEM = /^CASE#\d{10}$/;

/** A case in an archived cold batch is a plain 409, not a server error. */
async function unlessArchived<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof BlobArchivedError) throw refuse(409, ARCHIVED_CASE);
    throw error;
  }
}

/**
 * Moderation cases in one server, on the moderation plugin's own store: a page of cases newest
 * first (one member's through their index, or filtered by moderator and action), one case with
 * its earlier reasons, and a new reason, kept beside the old one as `/case reason` does.
 */
export function caseRoutes(deps: DashboardDeps) {
  const { data, envelope, clock } = deps.ports;
  const store = { data, envelope, clock };
  return new Hono<DashboardEnv>()
    .get("/", async (c) => {
      const filters = FiltersSchema.parse(c.req.query());
      const guild = c.var.guild.id;
      const cursor = filters.cursor ? { cursor: filters.cursor } : {};
      const page = filters.member
        ? await listCases(store, guild, filters.member, { limit: 50, ...cursor })
        : await data.documents
            .query(tenantPk(guild), { sk: { prefix: "CASE#" }, reverse: true, limit: 100, ...cursor })
            .then(async ({ items, cursor: next }) => ({
              cases: await Promise.all(
                items.filter((item) => CASE_ITEM.test(item.sk)).map((item) => toRecord(store, item)),
              ),
              ...(next ? { cursor: next } : {}),
            }));
      const cases = page.cases.filter(
        (record) =>
          (!filters.moderator || record.moderatorId === filters.moderator) &&
          (!filters.action || record.action === filters.action),
      );
      return c.json({ cases, ...(page.cursor ? { cursor: page.cursor } : {}) });
    })
    .get("/:number", async (c) => {
      const number = NumberSchema.parse(c.req.param("number"));
      const record = await unlessArchived(loadCase(store, c.var.guild.id, number));
      if (!record) throw refuse(404, `There is no case #${number} in this server.`);
      const history = await unlessArchived(reasonHistory(store, c.var.guild.id, number));
      return c.json({ case: record, history });
    })
    .post("/:number/reason", async (c) => {
      const number = NumberSchema.parse(c.req.param("number"));
      const { reason } = ReasonSchema.parse(await c.req.json());
      const edited = await unlessArchived(
        editReason(store, c.var.guild.id, number, c.var.session.userId, reason),
      );
      if (!edited) throw refuse(404, `There is no case #${number} in this server.`);
      return c.json({ case: edited });
    });
}
