import {
  type APIAttachment,
  type APIEmbed,
  type APIThreadChannel,
  AuditLogEvent,
  ChannelType,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { messageError } from "../../discord-sink-messages.ts";
import type { SinkReply } from "../../discord-sink-routes.ts";
import { botCan, channelRoute } from "./channels.ts";
import {
  created,
  fail,
  invalidBody,
  missingAccess,
  missingPermissions,
  noContent,
  ok,
  unknown,
} from "./replies.ts";
import type { GuildState, SinkChannel } from "./state.ts";
import type { GuildRequest } from "./types.ts";

type Thread = SinkChannel &
  Pick<APIThreadChannel, "thread_metadata" | "member_count"> & { owner_id?: string; invitable?: boolean };

const THREAD_TYPES = new Set<number>([ChannelType.PublicThread, ChannelType.PrivateThread]);
const ARCHIVE_DURATIONS = new Set([60, 1440, 4320, 10080]);
/** Discord's codes for what a thread refuses. */
const ThreadCode = { Archived: 50083, Locked: 160005 } as const;

// Who has joined each thread; Discord keeps this beside the channel, not in it.
const joined = new WeakMap<SinkChannel, Set<string>>();

export const isThread = (channel: SinkChannel | undefined): channel is Thread =>
  channel !== undefined && THREAD_TYPES.has(channel.type);

/** The user ids that have joined a thread. */
export function threadMembers(thread: SinkChannel): Set<string> {
  let members = joined.get(thread);
  if (!members) {
    members = new Set();
    joined.set(thread, members);
  }
  return members;
}

function join(thread: Thread, userId: string) {
  threadMembers(thread).add(userId);
  thread.member_count = threadMembers(thread).size;
}

const has = (state: GuildState, userId: string, channelId: string, bit: bigint) =>
  (state.permissionsOf(userId, channelId) & bit) === bit;

/**
 * Whether a member sees a thread: they see its parent, and for a private thread they have joined
 * it or hold Manage Threads.
 */
export function seesThread(state: GuildState, thread: Thread, userId: string): boolean {
  if (!has(state, userId, thread.id, PermissionFlagsBits.ViewChannel)) return false;
  if (thread.type !== ChannelType.PrivateThread) return true;
  return (
    threadMembers(thread).has(userId) || has(state, userId, thread.id, PermissionFlagsBits.ManageThreads)
  );
}

/**
 * Whether `userId` may post in a thread now, as Discord decides: a locked thread takes messages
 * only from those with Manage Threads, and a post in an archived (unlocked) thread unarchives it.
 */
export function threadPostRefusal(state: GuildState, thread: Thread, userId: string): SinkReply | undefined {
  if (!seesThread(state, thread, userId)) return missingAccess();
  if (!has(state, userId, thread.id, PermissionFlagsBits.SendMessagesInThreads)) return missingPermissions();
  const meta = thread.thread_metadata;
  const manages = has(state, userId, thread.id, PermissionFlagsBits.ManageThreads);
  if (meta?.locked && !manages) return fail(403, ThreadCode.Locked, "Thread is locked");
  return undefined;
}

/**
 * What a message posted in a thread does: it unarchives the thread, and in a private thread
 * the people it mentions (allowed to be pinged) who can see the parent join it, a role's
 * members included.
 */
export function afterThreadPost(state: GuildState, thread: SinkChannel, body: unknown) {
  if (!isThread(thread)) return;
  if (thread.thread_metadata?.archived) thread.thread_metadata.archived = false;
  if (thread.type !== ChannelType.PrivateThread) return;
  const { content = "", allowed_mentions: allowed } = (body ?? {}) as {
    content?: string;
    allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
  };
  const mayPing = (kind: "users" | "roles", id: string) =>
    !allowed || allowed.parse?.includes(kind) || allowed[kind]?.includes(id);
  const users = [...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] ?? "");
  const roles = [...content.matchAll(/<@&(\d+)>/g)].map((match) => match[1] ?? "");
  const invited = new Set(users.filter((id) => mayPing("users", id)));
  for (const roleId of roles.filter((id) => mayPing("roles", id)))
    for (const [userId, member] of state.members) if (member.roles.includes(roleId)) invited.add(userId);
  for (const userId of invited)
    if (state.members.has(userId) && has(state, userId, thread.id, PermissionFlagsBits.ViewChannel))
      join(thread, userId);
}

/** `POST /channels/{id}/threads` without a message: a public or private thread, its creator joined. */
export function createThreadRoute(state: GuildState, parent: SinkChannel, request: GuildRequest): SinkReply {
  if (request.method !== "POST") return fail(405, 0, "405: Method Not Allowed");
  if (parent.type !== ChannelType.GuildText)
    return fail(400, 50024, "Cannot execute action on this channel type");
  const body = (request.body ?? {}) as {
    name?: unknown;
    type?: number;
    invitable?: boolean;
    auto_archive_duration?: number;
  };
  if (typeof body.name !== "string" || body.name.length < 1 || body.name.length > 100)
    return invalidBody("name", "Must be between 1 and 100 in length.");
  const type = body.type ?? ChannelType.PrivateThread;
  if (!THREAD_TYPES.has(type)) return invalidBody("type", "Value is not a valid thread type.");
  const duration = body.auto_archive_duration ?? 1440;
  if (!ARCHIVE_DURATIONS.has(duration))
    return invalidBody("auto_archive_duration", "Value must be one of {60, 1440, 4320, 10080}.");
  const needed =
    type === ChannelType.PublicThread
      ? PermissionFlagsBits.CreatePublicThreads
      : PermissionFlagsBits.CreatePrivateThreads;
  if (!botCan(state, parent.id, PermissionFlagsBits.ViewChannel)) return missingAccess();
  if (!botCan(state, parent.id, needed)) return missingPermissions();
  const thread = {
    id: state.nextId(),
    guild_id: state.id,
    name: body.name,
    type,
    parent_id: parent.id,
    owner_id: state.botUserId,
    rate_limit_per_user: 0,
    member_count: 0,
    message_count: 0,
    permission_overwrites: [],
    ...(type === ChannelType.PrivateThread ? { invitable: body.invitable ?? true } : {}),
    thread_metadata: {
      archived: false,
      auto_archive_duration: duration,
      locked: false,
      archive_timestamp: new Date().toISOString(),
    },
    flags: 0 as never,
  } as unknown as Thread;
  state.channels.set(thread.id, thread);
  join(thread, state.botUserId);
  state.audit(AuditLogEvent.ThreadCreate, { targetId: thread.id, reason: request.reason });
  return created(thread);
}

/** `GET|PATCH|DELETE /channels/{thread}`: a private thread is unknown to those who do not see it. */
export function threadChannelRoute(state: GuildState, thread: Thread, request: GuildRequest): SinkReply {
  if (!seesThread(state, thread, state.botUserId)) return missingAccess();
  return request.method === "PATCH"
    ? patchThreadRoute(state, thread, request)
    : channelRoute(state, thread, request);
}

/** `PATCH /channels/{thread}`: rename, archive, lock, invitable; archiving or locking needs Manage Threads. */
function patchThreadRoute(state: GuildState, thread: Thread, request: GuildRequest): SinkReply {
  const body = (request.body ?? {}) as {
    name?: unknown;
    archived?: unknown;
    locked?: unknown;
    invitable?: unknown;
    auto_archive_duration?: number;
  };
  if (
    body.name !== undefined &&
    (typeof body.name !== "string" || body.name.length < 1 || body.name.length > 100)
  )
    return invalidBody("name", "Must be between 1 and 100 in length.");
  for (const flag of ["archived", "locked", "invitable"] as const)
    if (body[flag] !== undefined && typeof body[flag] !== "boolean")
      return invalidBody(flag, "Must be either true or false.");
  if (body.auto_archive_duration !== undefined && !ARCHIVE_DURATIONS.has(body.auto_archive_duration))
    return invalidBody("auto_archive_duration", "Value must be one of {60, 1440, 4320, 10080}.");
  const meta = thread.thread_metadata;
  if (!meta) return fail(400, 50024, "Cannot execute action on this channel type");
  const manages = botCan(state, thread.id, PermissionFlagsBits.ManageThreads);
  const own = thread.owner_id === state.botUserId;
  const moderating = body.locked !== undefined || body.invitable !== undefined || (meta.locked && !manages);
  if (moderating && !manages) return missingPermissions();
  if (!own && !manages) return missingPermissions();
  if (meta.archived && body.archived !== false && Object.keys(body).some((key) => key !== "archived"))
    return fail(400, ThreadCode.Archived, "Thread is archived");
  if (typeof body.name === "string") thread.name = body.name;
  if (typeof body.invitable === "boolean") thread.invitable = body.invitable;
  if (typeof body.locked === "boolean") meta.locked = body.locked;
  if (body.auto_archive_duration) meta.auto_archive_duration = body.auto_archive_duration;
  if (typeof body.archived === "boolean" && body.archived !== meta.archived) {
    meta.archived = body.archived;
    meta.archive_timestamp = new Date().toISOString();
  }
  state.audit(AuditLogEvent.ThreadUpdate, { targetId: thread.id, reason: request.reason });
  return ok(thread);
}

/** `GET /channels/{thread}/thread-members` and `GET|PUT|DELETE /channels/{thread}/thread-members/{user}`. */
export function threadMembersRoute(
  state: GuildState,
  thread: SinkChannel,
  userId: string | undefined,
  request: GuildRequest,
): SinkReply {
  if (!isThread(thread)) return fail(400, 50024, "Cannot execute action on this channel type");
  if (!seesThread(state, thread, state.botUserId)) return missingAccess();
  const members = threadMembers(thread);
  const entry = (id: string) => ({
    id: thread.id,
    user_id: id,
    join_timestamp: thread.thread_metadata?.archive_timestamp,
    flags: 0,
  });
  if (userId === undefined) {
    if (request.method !== "GET") return fail(405, 0, "405: Method Not Allowed");
    return ok([...members].map(entry));
  }
  if (request.method === "GET") return members.has(userId) ? ok(entry(userId)) : unknown("Member");
  if (request.method !== "PUT" && request.method !== "DELETE") return fail(405, 0, "405: Method Not Allowed");
  if (thread.thread_metadata?.archived) return fail(400, ThreadCode.Archived, "Thread is archived");
  if (!state.members.has(userId)) return unknown("Member");
  if (request.method === "DELETE") {
    if (userId !== state.botUserId && !botCan(state, thread.id, PermissionFlagsBits.ManageThreads))
      return missingPermissions();
    members.delete(userId);
    thread.member_count = members.size;
    return noContent();
  }
  if (!botCan(state, thread.id, PermissionFlagsBits.SendMessagesInThreads)) return missingPermissions();
  // A member who cannot see the parent channel cannot be added.
  if (!has(state, userId, thread.id, PermissionFlagsBits.ViewChannel)) return missingAccess();
  join(thread, userId);
  return noContent();
}

/** A message a member (not the bot) sends, as the local tools inject it: `POST /_sink/channels/{id}/messages`. */
export interface MemberMessage {
  author_id?: unknown;
  content?: unknown;
  attachments?: { filename: string; url?: string; size?: number; content_type?: string }[];
  embeds?: APIEmbed[];
}

/**
 * A member posts in a channel or thread, with the same rules Discord applies to them: they must
 * see it and may send there (a private thread only once joined, a locked one only with Manage
 * Threads). Attachments are stored by name and URL, as Discord's CDN would serve them.
 */
export function memberMessage(state: GuildState, channel: SinkChannel, body: MemberMessage): SinkReply {
  const authorId = String(body.author_id ?? "");
  const author = state.members.get(authorId)?.user;
  if (!author) return unknown("Member");
  if (isThread(channel)) {
    const refusal = threadPostRefusal(state, channel, authorId);
    if (refusal) return refusal;
  } else if (
    !has(state, authorId, channel.id, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages)
  )
    return missingPermissions();
  const content = typeof body.content === "string" ? body.content : "";
  const error = messageError({ content, embeds: body.embeds ?? [], attachments: body.attachments }, true);
  if (error) return { status: 400, body: error };
  const message = state.addMessage(channel.id, author, { content });
  const attachments: APIAttachment[] = (body.attachments ?? []).map((file) => {
    const id = state.nextId();
    return {
      id,
      filename: file.filename,
      size: file.size ?? 0,
      url: file.url ?? `https://cdn.discordapp.com/attachments/${channel.id}/${id}/${file.filename}`,
      proxy_url: `https://media.discordapp.net/attachments/${channel.id}/${id}/${file.filename}`,
      ...(file.content_type ? { content_type: file.content_type } : {}),
    };
  });
  Object.assign(message, { attachments, embeds: body.embeds ?? [] });
  afterThreadPost(state, channel, body);
  return created(message);
}
