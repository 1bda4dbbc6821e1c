import { type JobContext, type ToolActor, VisibleError } from "@megawatts/core";
import type { MessageRecord } from "@megawatts/discord/tools";
import { botActor, isStaff, settingsOf, type TicketNeeds } from "./access.ts";
import { logClosed } from "./log.ts";
import type { TicketPayload } from "./payloads.ts";
import { loadTicket, recordClosed, ticketIdOf } from "./records.ts";
import { refusalText, text } from "./render.ts";
import { storeTranscript } from "./transcript.ts";

const PAGE = 100;
// A transcript stops at 50 pages (5,000 messages) so a close always fits in one job.
const MAX_PAGES = 50;

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

export async function close(needs: TicketNeeds, context: JobContext<TicketPayload>) {
  const { actor, options } = context.payload;
  const found = await loadTicket(needs.data, actor.guildId, ticketIdOf(actor.channelId));
  if (found?.ticket.status !== "open")
    return context.reply(text("✋ Run /ticket close inside the thread of an open ticket."));
  const { ticket, item } = found;
  const settings = await settingsOf(needs, actor.guildId);
  if (actor.userId !== ticket.openerId && !isStaff(context.payload, settings))
    return context.reply(text("✋ Only the staff or the member who opened this ticket can close it."));
  const reason = options.reason === undefined ? null : String(options.reason);
  const bot = botActor(actor);
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
  const note = await logClosed(
    needs,
    { settings, bot, reference: context.job.id },
    `🎫 Ticket ${ticket.ticketId} of <@${ticket.openerId}> (<#${ticket.threadId}>) closed by <@${actor.userId}>${reason ? `: ${reason}` : ""}. ${messages.length} messages; staff can read it with \`/ticket transcript id:${ticket.ticketId}\`.`,
  );
  await context.reply(
    text(
      `✅ Ticket ${ticket.ticketId} is closed; its transcript (${messages.length} messages) is kept.${note}`,
    ),
  );
}
