import type { JobContext } from "@megawatts/core";
import { canManage, isStaff, settingsOf, type TicketNeeds } from "./access.ts";
import { close } from "./close.ts";
import { open } from "./open.ts";
import type { TicketPayload } from "./payloads.ts";
import { loadTicket } from "./records.ts";
import { panelMessage, text } from "./render.ts";
import { saveSettings, type TicketSettings } from "./settings.ts";
import { readTranscript } from "./transcript.ts";

async function setup(needs: TicketNeeds, context: JobContext<TicketPayload>) {
  const { payload } = context;
  if (!canManage(payload)) return context.reply(text("✋ Setting up tickets needs Manage Server."));
  const settings: TicketSettings = {
    staffRoleId: String(payload.options.staff_role),
    ...(payload.options.log_channel ? { logChannelId: String(payload.options.log_channel) } : {}),
  };
  await saveSettings(needs.data, payload.actor.guildId, settings, needs.clock.now());
  const log = settings.logChannelId
    ? `closed tickets are logged in <#${settings.logChannelId}>`
    : "no log channel";
  await context.reply(
    text(
      `✅ Tickets are set up: staff <@&${settings.staffRoleId}>, ${log}. Post the button with /ticket panel.`,
    ),
  );
}

async function panel(needs: TicketNeeds, context: JobContext<TicketPayload>) {
  const { payload } = context;
  if (!canManage(payload)) return context.reply(text("✋ Posting the ticket panel needs Manage Server."));
  await settingsOf(needs, payload.actor.guildId);
  await context.followUp(panelMessage());
  await context.reply(text("✅ The Open ticket button is posted in this channel."));
}

async function transcript(needs: TicketNeeds, context: JobContext<TicketPayload>) {
  const { actor, options } = context.payload;
  const settings = await settingsOf(needs, actor.guildId);
  if (!isStaff(context.payload, settings))
    return context.reply(
      text(`✋ Only the staff (<@&${settings.staffRoleId}>) can read ticket transcripts.`),
    );
  const id = String(options.id ?? "").trim();
  const found = await loadTicket(needs.data, actor.guildId, id);
  if (!found) return context.reply(text(`✋ There is no ticket ${id} in this server.`));
  const { ticket } = found;
  if (ticket.status !== "closed")
    return context.reply(text(`Ticket ${id} is still open: read it in <#${ticket.threadId}>.`));
  if (!ticket.transcript)
    return context.reply(
      text(`Ticket ${id} has no transcript: its thread was deleted in Discord before it was closed.`),
    );
  const html = await readTranscript(
    { blobs: needs.data.deps.blobs, envelope: needs.envelope },
    { guildId: actor.guildId, openerId: ticket.openerId, key: ticket.transcript.html },
    "html",
  );
  if (html === undefined)
    return context.reply(
      text(`✋ The transcript of ${id} is no longer stored (it is deleted after two years).`),
    );
  await needs.data.audit.record({
    actor: `user:${actor.userId}`,
    action: "ticket.transcript-read",
    tenant: actor.guildId,
    subject: ticket.openerId,
    cls: "ticket",
    reference: id,
  });
  // The file exists only in this private reply: no link outlives it.
  await context.reply({
    ...text(
      `📄 Transcript of ${id}: ${ticket.transcript.messages} messages, opened by <@${ticket.openerId}>.`,
    ),
    files: [{ name: `${id}.html`, data: new TextEncoder().encode(html), contentType: "text/html" }],
  });
}

/**
 * The ticket jobs, built from what they need.
 *
 * @example
 * const jobs = createTicketJobs({ executor, data, envelope, clock });
 * await jobs["tickets.open"](context);
 */
export function createTicketJobs(needs: TicketNeeds) {
  const job =
    (handler: (needs: TicketNeeds, context: JobContext<TicketPayload>) => Promise<void>) =>
    (context: JobContext) =>
      handler(needs, context as JobContext<TicketPayload>);
  return {
    "tickets.setup": job(setup),
    "tickets.panel": job(panel),
    "tickets.open": job(open),
    "tickets.close": job(close),
    "tickets.transcript": job(transcript),
  };
}
