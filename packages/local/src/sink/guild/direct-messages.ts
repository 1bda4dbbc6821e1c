import { type APIMessage, type APIUser, ChannelType, MessageType } from "discord-api-types/v10";
import type { SinkReply } from "../../discord-sink-routes.ts";
import { fail, invalidBody, ok, unknown } from "./replies.ts";
import type { GuildState } from "./state.ts";
import type { GuildRequest } from "./types.ts";

/** Discord's answer when a user does not accept direct messages from the bot. */
const CANNOT_MESSAGE_USER = 50007;

interface DmChannel {
  id: string;
  recipient: APIUser;
  /** The bot of the server the user was found in: the messages' author. */
  botUserId: string;
  /** Whether the recipient accepts direct messages from the servers they share with the bot. */
  open: boolean;
  messages: APIMessage[];
}

/**
 * The bot's direct-message channels: `POST /users/@me/channels` opens one with any user of a
 * modelled server, and `POST /channels/{id}/messages` delivers, or answers 403 with code 50007
 * (Cannot send messages to this user) for a member who turned direct messages off.
 */
export class DirectMessages {
  readonly #channels = new Map<string, DmChannel>();

  constructor(private readonly guilds: () => GuildState[]) {}

  has(channelId: string): boolean {
    return this.#channels.has(channelId);
  }

  /** What each user received, by user id, for snapshots and tests. */
  received(userId: string): APIMessage[] {
    return [...this.#channels.values()].find((channel) => channel.recipient.id === userId)?.messages ?? [];
  }

  open(request: GuildRequest): SinkReply {
    if (request.method !== "POST") return fail(405, 0, "405: Method Not Allowed");
    const recipientId = (request.body as { recipient_id?: unknown } | null)?.recipient_id;
    if (typeof recipientId !== "string") return invalidBody("recipient_id", "This field is required");
    const state = this.guilds().find((guild) => guild.users.has(recipientId));
    const recipient = state?.users.get(recipientId);
    if (!state || !recipient) return unknown("User");
    const existing = [...this.#channels.values()].find((channel) => channel.recipient.id === recipientId);
    const channel = existing ?? {
      id: state.nextId(),
      recipient,
      botUserId: state.botUserId,
      open: !state.closedDms.has(recipientId),
      messages: [],
    };
    this.#channels.set(channel.id, channel);
    return ok({ id: channel.id, type: ChannelType.DM, recipients: [recipient], last_message_id: null });
  }

  send(channelId: string, request: GuildRequest): SinkReply {
    const channel = this.#channels.get(channelId);
    if (!channel) return unknown("Channel");
    if (request.method !== "POST") return fail(405, 0, "405: Method Not Allowed");
    if (!channel.open) return fail(403, CANNOT_MESSAGE_USER, "Cannot send messages to this user");
    const body = (request.body ?? {}) as { content?: string; embeds?: unknown[] };
    if (!body.content && !body.embeds?.length) return fail(400, 50006, "Cannot send an empty message");
    const message = {
      id: `${BigInt(channelId) + BigInt(channel.messages.length + 1)}`,
      type: MessageType.Default,
      channel_id: channelId,
      author: {
        id: channel.botUserId,
        username: "megawatts",
        discriminator: "0",
        global_name: null,
        avatar: null,
        bot: true,
      },
      content: body.content ?? "",
      embeds: body.embeds ?? [],
      timestamp: new Date().toISOString(),
    } as unknown as APIMessage;
    channel.messages.push(message);
    return ok(message);
  }
}
