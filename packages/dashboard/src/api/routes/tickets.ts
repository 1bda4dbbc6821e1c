import { tenantPk } from "@megawatts/core";
import { loadTicket, type TicketRecord } from "@megawatts/plugin-tickets/records";
import { readTranscript, type Transcript } from "@megawatts/plugin-tickets/transcript";
import { Hono } from "hono";
import { z } from "zod";
import type { DashboardDeps, DashboardEnv } from "../context.ts";
import { refuse } from "../errors.ts";

// A ticket item (`TICKET#tk_<thread>`), not a member's open-ticket marker (`TICKET#OPEN#…`).
const TICKET_ITEM = /^TICKET#tk_\d{17,20}$/;
const QuerySchema = z.object({
  status: z.enum(["open", "closed"]).optional(),
  cursor: z.string().max(400).optional(),
});

/** What a page shows of a ticket: ids and times; the close reason stays sealed. */
const summary = ({ reason: _reason, ...ticket }: TicketRecord) => ticket;

/**
 * Tickets in one server, on the tickets plugin's store: a page of tickets newest first, and a
 * closed ticket's transcript, opened from the cold tier (its JSON form, rendered by the page).
 */
export function ticketRoutes(deps: DashboardDeps) {
  const { data, envelope } = deps.ports;
  return new Hono<DashboardEnv>()
    .get("/", async (c) => {
      const { status, cursor } = QuerySchema.parse(c.req.query());
      const page = await data.documents.query(tenantPk(c.var.guild.id), {
        sk: { prefix: "TICKET#tk_" },
        reverse: true,
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      const tickets = page.items
        .filter((item) => TICKET_ITEM.test(item.sk))
        .map((item) => summary(item.data as unknown as TicketRecord))
        .filter((ticket) => !status || ticket.status === status);
      return c.json({ tickets, ...(page.cursor ? { cursor: page.cursor } : {}) });
    })
    .get("/:ticket/transcript", async (c) => {
      const guildId = c.var.guild.id;
      const found = await loadTicket(data, guildId, c.req.param("ticket"));
      if (!found) throw refuse(404, "There is no such ticket in this server.");
      const key = found.ticket.transcript?.json;
      if (!key) throw refuse(409, "This ticket is still open: its transcript is written when it closes.");
      const text = await readTranscript(
        { blobs: data.deps.blobs, envelope },
        { guildId, openerId: found.ticket.openerId, key },
        "json",
      );
      if (text === undefined)
        throw refuse(404, "This ticket's transcript is gone (erased or past retention).");
      return c.json({ ticket: summary(found.ticket), transcript: JSON.parse(text) as Transcript });
    });
}
