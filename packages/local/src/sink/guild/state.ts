import {
  basePermissions,
  channelPermissions,
  highestRole,
  type PermissionSubject,
} from "@megawatts/discord/permission-rules";
import {
  type APIAuditLogEntry,
  type APIGuildChannel,
  type APIGuildMember,
  type APIMessage,
  type APIOverwrite,
  type APIRole,
  type APIUser,
  type APIWebhook,
  type AuditLogEvent,
  type GuildChannelType,
  MessageType,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { CHANNEL_TYPES, OVERWRITE_TYPES, type ParsedGuildFixture } from "./fixture.ts";

export type SinkChannel = APIGuildChannel<GuildChannelType> & {
  topic?: string | null;
  rate_limit_per_user?: number;
  parent_id?: string | null;
};

const DISCORD_EPOCH = 1_420_070_400_000n;
const bits = (names: readonly (keyof typeof PermissionFlagsBits)[]) =>
  String(names.reduce((all, name) => all | PermissionFlagsBits[name], 0n));

function user(id: string, username: string, bot = false): APIUser {
  return { id, username, discriminator: "0", global_name: username, avatar: null, ...(bot ? { bot } : {}) };
}

/** One server's state: members, roles, channels with overwrites, messages, pins, webhooks, bans, audit log. */
export class GuildState {
  readonly id: string;
  name: string;
  readonly ownerId: string;
  readonly botUserId: string;
  readonly roles = new Map<string, APIRole>();
  readonly members = new Map<string, APIGuildMember>();
  readonly channels = new Map<string, SinkChannel>();
  /** Per channel, oldest first. */
  readonly messages = new Map<string, APIMessage[]>();
  readonly webhooks = new Map<string, APIWebhook>();
  readonly bans = new Map<string, { user: APIUser; reason: string | null }>();
  readonly auditLog: APIAuditLogEntry[] = [];
  readonly users = new Map<string, APIUser>();
  /** Users who do not accept direct messages from this server's members. */
  readonly closedDms = new Set<string>();
  #sequence = 0n;

  constructor(fixture: ParsedGuildFixture) {
    this.id = fixture.id;
    this.name = fixture.name;
    this.ownerId = fixture.ownerId;
    this.botUserId = fixture.botUserId;
    for (const role of fixture.roles) this.roles.set(role.id, this.#role(role));
    for (const member of fixture.members) {
      const account = user(member.userId, member.username, member.bot);
      this.users.set(member.userId, account);
      if (!member.acceptsDms) this.closedDms.add(member.userId);
      this.members.set(member.userId, {
        user: account,
        roles: member.roles,
        joined_at: "2024-01-01T00:00:00.000000+00:00",
        deaf: false,
        mute: false,
        flags: 0 as never,
        communication_disabled_until: null,
      } as APIGuildMember);
    }
    for (const channel of fixture.channels) {
      this.channels.set(channel.id, {
        id: channel.id,
        guild_id: this.id,
        name: channel.name,
        type: CHANNEL_TYPES[channel.type],
        position: this.channels.size,
        parent_id: channel.parentId ?? null,
        topic: channel.topic ?? null,
        rate_limit_per_user: 0,
        nsfw: false,
        flags: 0 as never,
        permission_overwrites: channel.overwrites.map((overwrite) => ({
          id: overwrite.id,
          type: OVERWRITE_TYPES[overwrite.type],
          allow: bits(overwrite.allow),
          deny: bits(overwrite.deny),
        })),
      } as SinkChannel);
    }
    const now = Date.now();
    for (const message of fixture.messages) {
      const at = now - message.ageMinutes * 60_000;
      this.addMessage(
        message.channelId,
        this.users.get(message.authorId) ?? user(message.authorId, "someone"),
        {
          content: message.content,
          pinned: message.pinned,
          at,
        },
      );
    }
  }

  #role(input: {
    id: string;
    name: string;
    position: number;
    permissions: readonly (keyof typeof PermissionFlagsBits)[];
    color: number;
  }): APIRole {
    return {
      id: input.id,
      name: input.name,
      position: input.position,
      permissions: bits(input.permissions),
      color: input.color,
      colors: { primary_color: input.color, secondary_color: null, tertiary_color: null },
      hoist: false,
      managed: false,
      mentionable: false,
      icon: null,
      unicode_emoji: null,
      flags: 0 as never,
    };
  }

  /** A snowflake for `at` (default now), unique within this guild. */
  nextId(at = Date.now()): string {
    this.#sequence = (this.#sequence + 1n) & 0xfffn;
    return String(((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 12n) | this.#sequence);
  }

  addRole(input: Partial<APIRole> & { name: string }): APIRole {
    const role = {
      ...this.#role({ id: this.nextId(), name: input.name, position: 1, permissions: [], color: 0 }),
      ...input,
    };
    role.id = role.id || this.nextId();
    // A new role lands just above @everyone; the others move up.
    for (const other of this.roles.values())
      if (other.position >= role.position && other.id !== this.id) other.position += 1;
    this.roles.set(role.id, role);
    return role;
  }

  addMessage(
    channelId: string,
    author: APIUser,
    input: { content: string; pinned?: boolean; at?: number; webhookId?: string },
  ): APIMessage {
    const at = input.at ?? Date.now();
    const message = {
      id: this.nextId(at),
      type: MessageType.Default,
      channel_id: channelId,
      author,
      content: input.content,
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: input.pinned ?? false,
      tts: false,
      flags: 0 as never,
      timestamp: new Date(at).toISOString(),
      edited_timestamp: null,
      ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
    } as APIMessage;
    const list = this.messages.get(channelId) ?? [];
    list.push(message);
    this.messages.set(channelId, list);
    return message;
  }

  findMessage(channelId: string, messageId: string): APIMessage | undefined {
    return this.messages.get(channelId)?.find((message) => message.id === messageId);
  }

  subject(userId: string): PermissionSubject | undefined {
    const member = this.members.get(userId);
    if (!member) return undefined;
    return {
      userId,
      roleIds: member.roles,
      communicationDisabledUntil: member.communication_disabled_until ?? null,
    };
  }

  #guild() {
    return { id: this.id, ownerId: this.ownerId, roles: [...this.roles.values()] };
  }

  /** A member's permissions in the guild, or in a channel when given (overwrites applied, parent's when synced). */
  permissionsOf(userId: string, channelId?: string): bigint {
    const subject = this.subject(userId);
    if (!subject) return 0n;
    const base = basePermissions(this.#guild(), subject);
    const found = channelId ? this.channels.get(channelId) : undefined;
    // A thread takes its parent's overwrites.
    const thread = found && "thread_metadata" in found && found.parent_id;
    const channel = thread ? this.channels.get(thread) : found;
    if (!channel) return base;
    return channelPermissions(base, channel.permission_overwrites ?? [], this.id, subject);
  }

  /** The highest role of a member, for hierarchy. */
  topRole(userId: string) {
    return highestRole([...this.roles.values()], this.members.get(userId)?.roles ?? [], this.id);
  }

  /** Writes an audit-log entry; `userId` is who acted (the bot unless a person did it in Discord). */
  audit(
    action: AuditLogEvent,
    input: {
      targetId?: string | null;
      reason?: string | undefined;
      options?: Record<string, string>;
      userId?: string;
      changes?: APIAuditLogEntry["changes"];
    },
  ) {
    const entry = {
      id: this.nextId(),
      user_id: input.userId ?? this.botUserId,
      target_id: input.targetId ?? null,
      action_type: action,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.options ? { options: input.options } : {}),
      ...(input.changes ? { changes: input.changes } : {}),
    } as APIAuditLogEntry;
    this.auditLog.push(entry);
    return entry;
  }

  setOverwrite(channel: SinkChannel, overwrite: APIOverwrite) {
    const rest = (channel.permission_overwrites ?? []).filter((existing) => existing.id !== overwrite.id);
    channel.permission_overwrites = [...rest, overwrite];
  }

  /** Everything the sink knows about this guild, for `npm run discord -- guild` and tests. */
  snapshot() {
    return {
      id: this.id,
      name: this.name,
      owner_id: this.ownerId,
      bot_user_id: this.botUserId,
      roles: [...this.roles.values()].sort((a, b) => b.position - a.position),
      members: [...this.members.values()],
      channels: [...this.channels.values()],
      messages: Object.fromEntries(this.messages),
      webhooks: [...this.webhooks.values()],
      bans: [...this.bans.values()],
      audit_log: this.auditLog,
    };
  }
}

export type GuildSnapshot = ReturnType<GuildState["snapshot"]>;
