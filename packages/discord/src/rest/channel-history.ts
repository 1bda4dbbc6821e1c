import type { REST } from "@discordjs/rest";
import type { ChannelHistory, HistoryMessage } from "@megawatts/core";
import { type APIMessage, MessageType, Routes } from "discord-api-types/v10";

/**
 * A message as `/index` takes it in: bots', webhooks' and system messages are marked `bot`
 * so they are not indexed; a reply names the message it answers.
 *
 * @example
 * toHistoryMessage(apiMessage) // { id, channelId, authorId, createdAt, content, bot: false }
 */
export function toHistoryMessage(message: APIMessage): HistoryMessage {
  const ordinary = message.type === MessageType.Default || message.type === MessageType.Reply;
  const replyTo = message.type === MessageType.Reply ? message.message_reference?.message_id : undefined;
  return {
    id: message.id,
    channelId: message.channel_id,
    authorId: message.author.id,
    createdAt: Date.parse(message.timestamp),
    content: message.content ?? "",
    bot: !ordinary || message.author.bot === true || message.webhook_id !== undefined,
    ...(replyTo ? { replyToId: replyTo } : {}),
  };
}

/**
 * Channel history through Discord REST with the bot token (`GET /channels/{id}/messages`,
 * newest first). The client queues requests per rate-limit bucket, waits out 429s and
 * retries 5xx responses a few times before throwing.
 *
 * @example
 * const history = new DiscordChannelHistory(createDiscordRest({ token: botToken }));
 * const newest = await history.before(channelId, undefined, 100);
 */
export class DiscordChannelHistory implements ChannelHistory {
  constructor(private readonly rest: REST) {}

  async before(channelId: string, before: string | undefined, limit: number): Promise<HistoryMessage[]> {
    return this.page(channelId, { limit: String(limit), ...(before ? { before } : {}) });
  }

  async after(channelId: string, after: string, limit: number): Promise<HistoryMessage[]> {
    return this.page(channelId, { limit: String(limit), after });
  }

  private async page(channelId: string, params: Record<string, string>): Promise<HistoryMessage[]> {
    const query = new URLSearchParams(params);
    const page = (await this.rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
    return page.map(toHistoryMessage);
  }
}
