import type { ToolActor } from "@megawatts/core";
import { postToModLog } from "@megawatts/plugin-moderation/mod-log";
import type { TicketNeeds } from "./access.ts";
import type { TicketSettings } from "./settings.ts";

/**
 * Posts a closed ticket's line to the tickets log channel, or to the mod log when the server has
 * no tickets log channel and the moderation plugin has one; resolves a sentence for the reply
 * when it could not be posted, and "" otherwise.
 */
export async function logClosed(
  needs: Pick<TicketNeeds, "executor" | "data">,
  where: { settings: TicketSettings; bot: ToolActor; reference: string },
  line: string,
): Promise<string> {
  const { settings, bot, reference } = where;
  if (!settings.logChannelId) {
    const posted = await postToModLog(
      { executor: needs.executor, data: needs.data },
      { guildId: bot.guildId, botUserId: bot.botUserId, message: { content: line }, reference },
    );
    return "problem" in posted ? ` It could not be logged: ${posted.problem}` : "";
  }
  const posted = await needs.executor.execute({
    tool: "message_send",
    params: { channelId: settings.logChannelId, content: line },
    actor: bot,
    reason: "tickets log",
    reference,
  });
  return posted.ok ? "" : ` It could not be logged: ${posted.refusal.message}`;
}
