import type { JobContext, ToolActor } from "@megawatts/core";
import { botActor, settingsOf, type TicketNeeds } from "./access.ts";
import type { TicketPayload } from "./payloads.ts";
import { abandonTicket, claimTicket, recordOpened, releaseClaim, ticketIdOf } from "./records.ts";
import { refusalText, text } from "./render.ts";

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

export async function open(needs: TicketNeeds, context: JobContext<TicketPayload>) {
  const { actor, username } = context.payload;
  const settings = await settingsOf(needs, actor.guildId);
  const bot = botActor(actor);
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
