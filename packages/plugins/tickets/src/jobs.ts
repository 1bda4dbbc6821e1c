import {
  type Clock,
  type DataServices,
  type Envelope,
  type JobContext,
  type ToolActor,
  type ToolExecutor,
  VisibleError,
} from "@megawatts/core";
import { missingPermissions } from "@megawatts/discord/permissions";
import type { MessageRecord } from "@megawatts/discord/tools";
import type { TicketPayload } from "./payloads.ts";
import {
  abandonTicket,
  claimTicket,
  loadTicket,
  recordClosed,
  recordOpened,
  releaseClaim,
  ticketIdOf,
} from "./records.ts";
import { panelMessage, refusalText, text } from "./render.ts";
import { loadSettings, saveSettings, type TicketSettings } from "./settings.ts";
import { readTranscript, storeTranscript } from "./transcript.ts";

/** What the ticket jobs need: the tools, the data layer (warm records, cold transcripts), the envelope. */
export interface TicketNeeds {
  executor: ToolExecutor;
  data: DataServices;
  envelope: Envelope;
  clock: Clock;
}

const PAGE = 100;
// A transcript stops at 50 pages (5,000 messages) so a close always fits in one job.
const MAX_PAGES = 50;

const canManage = (payload: TicketPayload) =>
  missingPermissions(["ManageGuild"], payload.permissions).length === 0;
const isStaff = (payload: TicketPayload, settings: TicketSettings) =>
  payload.actor.roleIds.includes(settings.staffRoleId) || canManage(payload);

async function settingsOf(needs: TicketNeeds, guild: string): Promise<TicketSettings> {
  const settings = await loadSettings(needs.data, guild);
  if (!settings)
    throw new VisibleError("Tickets are not set up in this server yet: an admin can run /ticket setup.");
  return settings;
}

/**
 * The bot itself as the actor, with its roles read through the tools: tickets are opened and
 * closed on the bot's own authority (the panel is the staff's standing permission), so its
 * permissions, not the member's, are checked.
 */
async function botActor(needs: TicketNeeds, actor: ToolActor, reference: string): Promise<ToolActor> {
  const outcome = await needs.executor.execute({
    tool: "member_info",
    params: { memberId: actor.botUserId },
    actor,
    reference,
  });
  if (!outcome.ok) throw new VisibleError(`${outcome.refusal.message} ${outcome.refusal.fix}`);
  const { roles } = outcome.result.data as { roles: string[] };
  return { ...actor, userId: actor.botUserId, roleIds: roles };
}

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

/** Whether a ticket's thread is gone from Discord (deleted by someone), as the bot sees it. */
async function threadGone(needs: TicketNeeds, bot: ToolActor, threadId: string, reference: string) {
  const seen = await needs.executor.prepare({
    tool: "channel_info",
    params: { channelId: threadId },
    actor: bot,
    reference,
  });
  return !seen.ok && seen.refusal.rule === "not-found";
}

async function open(needs: TicketNeeds, context: JobContext<TicketPayload>) {
  const { actor, username } = context.payload;
  const settings = await settingsOf(needs, actor.guildId);
  const bot = await botActor(needs, actor, context.job.id);
  let claim = await claimTicket(needs.data, actor.guildId, actor.userId, needs.clock.now());
  if (!claim.ok && claim.threadId && (await threadGone(needs, bot, claim.threadId, context.job.id))) {
    await abandonTicket(needs.data, actor.guildId, actor.userId, claim.threadId, needs.clock.now());
    claim = await claimTicket(needs.data, actor.guildId, actor.userId, needs.clock.now());
  }
  if (!claim.ok)
    return context.reply(
      text(
        claim.threadId
          ? `You already have an open ticket: <#${claim.threadId}>. Close it with /ticket close before opening another.`
          : "Your ticket is being opened; try again in a minute if it does not appear.",
      ),
    );
  let threadId: string;
  try {
    const outcome = await needs.executor.execute({
      tool: "thread_create_private",
      params: {
        channelId: actor.channelId,
        name: `ticket-${username}`.slice(0, 100),
        memberIds: [actor.userId],
        roleIds: [settings.staffRoleId],
        message:
          "This ticket is private to you and the staff. Describe what you need; close it with /ticket close.",
      },
      actor: bot,
      reason: `ticket opened by ${actor.userId}`,
      reference: context.job.id,
    });
    if (!outcome.ok) {
      await releaseClaim(needs.data, claim.marker);
      return context.reply(refusalText(outcome.refusal));
    }
    threadId = (outcome.result.data as { id: string }).id;
    const opened = { threadId, channelId: actor.channelId, openerId: actor.userId };
    await recordOpened(needs.data, actor.guildId, claim.marker, opened, needs.clock.now());
  } catch (error) {
    await releaseClaim(needs.data, claim.marker).catch(() => undefined);
    throw error;
  }
  await context.reply(text(`🎫 Your ticket is open: <#${threadId}> (${ticketIdOf(threadId)}).`));
}

/** Every message of a thread, oldest first, a page of 100 at a time. */
async function threadMessages(needs: TicketNeeds, bot: ToolActor, threadId: string, reference: string) {
  const messages: MessageRecord[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const before = messages.at(-1)?.id;
    const outcome = await needs.executor.execute({
      tool: "message_history",
      params: { channelId: threadId, limit: PAGE, ...(before ? { before } : {}) },
      actor: bot,
      reference,
    });
    if (!outcome.ok) throw new VisibleError(`${outcome.refusal.message} ${outcome.refusal.fix}`);
    const batch = outcome.result.data as MessageRecord[];
    messages.push(...batch);
    if (batch.length < PAGE) break;
  }
  return messages.reverse();
}

async function close(needs: TicketNeeds, context: JobContext<TicketPayload>) {
  const { actor, options } = context.payload;
  const found = await loadTicket(needs.data, actor.guildId, ticketIdOf(actor.channelId));
  if (found?.ticket.status !== "open")
    return context.reply(text("✋ Run /ticket close inside the thread of an open ticket."));
  const { ticket, item } = found;
  const settings = await settingsOf(needs, actor.guildId);
  if (actor.userId !== ticket.openerId && !isStaff(context.payload, settings))
    return context.reply(text("✋ Only the staff or the member who opened this ticket can close it."));
  const reason = options.reason === undefined ? null : String(options.reason);
  const bot = await botActor(needs, actor, context.job.id);
  const messages = await threadMessages(needs, bot, ticket.threadId, context.job.id);
  const closedAt = needs.clock.now();
  const keys = await storeTranscript(
    { blobs: needs.data.deps.blobs, envelope: needs.envelope },
    {
      ticketId: ticket.ticketId,
      guildId: actor.guildId,
      threadId: ticket.threadId,
      openerId: ticket.openerId,
      openedAt: new Date(ticket.openedAt).toISOString(),
      closedAt: new Date(closedAt).toISOString(),
      closedBy: actor.userId,
      reason,
      messages,
    },
  );
  const said = `🔒 Closed by <@${actor.userId}>${reason ? `: ${reason}` : "."} The transcript is kept as ${ticket.ticketId}.`;
  const run = (tool: string, params: Record<string, unknown>) =>
    needs.executor.execute({
      tool,
      params,
      actor: bot,
      reason: `ticket closed by ${actor.userId}`,
      reference: context.job.id,
    });
  await run("message_send", { channelId: ticket.threadId, content: said });
  const closed = await run("thread_close", { threadId: ticket.threadId });
  if (!closed.ok) return context.reply(refusalText(closed.refusal));
  const sealedReason = reason
    ? await needs.envelope.seal(reason, {
        tenant: actor.guildId,
        subject: ticket.openerId,
        purpose: "ticket.reason",
      })
    : undefined;
  await recordClosed(needs.data, actor.guildId, item, {
    closedAt,
    closedBy: actor.userId,
    transcript: { ...keys, messages: messages.length },
    ...(sealedReason ? { reason: sealedReason } : {}),
  });
  const logged = settings.logChannelId
    ? await run("message_send", {
        channelId: settings.logChannelId,
        content: `🎫 Ticket ${ticket.ticketId} of <@${ticket.openerId}> (<#${ticket.threadId}>) closed by <@${actor.userId}>${reason ? `: ${reason}` : ""}. ${messages.length} messages; staff can read it with \`/ticket transcript id:${ticket.ticketId}\`.`,
      })
    : undefined;
  const note = logged && !logged.ok ? ` It could not be logged: ${logged.refusal.message}` : "";
  await context.reply(
    text(
      `✅ Ticket ${ticket.ticketId} is closed; its transcript (${messages.length} messages) is kept.${note}`,
    ),
  );
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
