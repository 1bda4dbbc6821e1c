import { DiscordAPIError, type REST } from "@discordjs/rest";
import type { ChannelMessages, MessagePayload } from "@megawatts/core";
import { Routes } from "discord-api-types/v10";

/**
 * Channel messages through Discord REST with the bot token: `PATCH
 * /channels/{channel}/messages/{message}` and `POST /channels/{channel}/messages`. An edit
 * Discord refuses (message gone, no access: 403/404) resolves `false`, so the caller can post
 * a new message instead; other failures throw.
 *
 * @example
 * const messages = new DiscordChannelMessages(createDiscordRest({ token: botToken }));
 * await messages.edit(channelId, messageId, { content: "Merged ✅" });
 */
export class DiscordChannelMessages implements ChannelMessages {
  constructor(private readonly rest: REST) {}

  async edit(channelId: string, messageId: string, message: MessagePayload): Promise<boolean> {
    try {
      await this.rest.patch(Routes.channelMessage(channelId, messageId), { body: message });
      return true;
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.status === 403 || error.status === 404)) return false;
      throw error;
    }
  }

  async post(channelId: string, message: MessagePayload): Promise<void> {
    await this.rest.post(Routes.channelMessages(channelId), { body: message });
  }
}
