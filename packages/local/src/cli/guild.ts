import { basePermissions, channelPermissions } from "@megawatts/discord/permission-rules";
import type { Scene } from "@megawatts/discord/simulate";
import { AuditLogEvent, ChannelType, PermissionFlagsBits } from "discord-api-types/v10";
import type { GuildSnapshot } from "../sink/guild/index.ts";
import { UsageError } from "./args.ts";

/** The sink's base URL (without `/api/v10`) from the REST URL the bot reports. */
export const sinkBase = (apiUrl: string) => apiUrl.replace(/\/api\/v\d+\/?$/, "");

/**
 * The state of a server the local sink models, or `undefined` when it models none with this id.
 *
 * @example
 * const guild = await fetchGuild("http://127.0.0.1:40111", "1100000000000000002");
 */
export async function fetchGuild(base: string, guildId: string): Promise<GuildSnapshot | undefined> {
  const response = await fetch(`${base}/_sink/guilds/${guildId}`, { signal: AbortSignal.timeout(5_000) });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new UsageError(`the sink answered ${response.status} for guild ${guildId}`);
  return (await response.json()) as GuildSnapshot;
}

/**
 * Does what a person would do in Discord's own UI on the sink's server (the audit-log entry
 * names them, not the bot); resolves the entry id.
 *
 * @example
 * await actInGuild(base, guildId, { as: adminId, action: "ban", target: memberId, reason: "Raid" });
 */
export async function actInGuild(
  base: string,
  guildId: string,
  action: Record<string, unknown>,
): Promise<string> {
  const response = await fetch(`${base}/_sink/guilds/${guildId}/act`, {
    method: "POST",
    body: JSON.stringify(action),
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await response.json()) as { audit_log_entry_id?: string; message?: string };
  if (!response.ok) throw new UsageError(body.message ?? `the sink answered ${response.status}`);
  return body.audit_log_entry_id ?? "";
}

/**
 * Posts a member's message in a channel or thread of the local sink, with Discord's rules for
 * that member (a private thread only once they have joined it); returns a line to print.
 *
 * @example
 * await sayInSink(base, { channelId, userId, text: "hello", attachments: "photo.png" });
 */
export async function sayInSink(
  base: string,
  input: {
    channelId?: string | undefined;
    userId?: string | undefined;
    text?: string | undefined;
    attachments?: string | undefined;
  },
): Promise<string> {
  if (!input.channelId || !input.userId || input.text === undefined)
    throw new UsageError("say needs --channel <id>, --user <id> and --text <text>");
  const attachments = (input.attachments ?? "")
    .split(",")
    .filter(Boolean)
    .map((filename) => ({ filename, size: 0 }));
  const response = await fetch(`${base}/_sink/channels/${input.channelId}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ author_id: input.userId, content: input.text, attachments }),
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await response.json()) as { id?: string; message?: string; code?: number };
  if (response.status === 404) throw new UsageError(`the sink models no channel ${input.channelId}`);
  if (!response.ok) return `✗ Discord would refuse it: ${body.message} (code ${body.code})`;
  return `✓ Posted message ${body.id} in <#${input.channelId}>`;
}

function permissionsIn(guild: GuildSnapshot, userId: string, channelId: string): bigint {
  const member = guild.members.find((candidate) => candidate.user.id === userId);
  if (!member) return 0n;
  const subject = {
    userId,
    roleIds: member.roles,
    communicationDisabledUntil: member.communication_disabled_until ?? null,
  };
  const base = basePermissions({ id: guild.id, ownerId: guild.owner_id, roles: guild.roles }, subject);
  const channel = guild.channels.find((candidate) => candidate.id === channelId);
  return channel ? channelPermissions(base, channel.permission_overwrites ?? [], guild.id, subject) : base;
}

/**
 * The scene of a fixture member: its roles, and its and the bot's real permissions in the channel,
 * as Discord would send them in `member.permissions` and `app_permissions`.
 */
export function memberScene(guild: GuildSnapshot, userId: string, channelId: string): Partial<Scene> {
  const member = guild.members.find((candidate) => candidate.user.id === userId);
  if (!member) {
    const known = guild.members
      .map((candidate) => `${candidate.user.id} (${candidate.user.username})`)
      .join(", ");
    throw new UsageError(`user ${userId} is not a member of ${guild.name}; members: ${known}`);
  }
  return {
    roles: member.roles,
    username: member.user.username,
    permissions: String(permissionsIn(guild, userId, channelId)),
    appPermissions: String(permissionsIn(guild, guild.bot_user_id, channelId)),
  };
}

const names = (bits: string) =>
  Object.entries(PermissionFlagsBits)
    .filter(([, bit]) => (BigInt(bits) & bit) !== 0n)
    .map(([name]) => name)
    .filter((name, index, all) => all.indexOf(name) === index)
    .join(", ") || "none";

/** A plain-text picture of a server: roles, members, channels, messages, pins, webhooks, bans, audit log. */
export function renderGuild(guild: GuildSnapshot): string {
  const role = (id: string) => guild.roles.find((candidate) => candidate.id === id)?.name ?? id;
  const target = (id: string) =>
    guild.members.find((member) => member.user.id === id)?.user.username ??
    guild.channels.find((channel) => channel.id === id)?.name ??
    role(id);
  const lines = [
    `${guild.name} (${guild.id}), owner ${target(guild.owner_id)}`,
    "",
    "Roles (highest first):",
  ];
  for (const entry of guild.roles)
    lines.push(`  ${entry.position}  ${entry.name} (${entry.id}): ${names(entry.permissions)}`);
  lines.push("", "Members:");
  for (const member of guild.members) {
    const timeout =
      member.communication_disabled_until && Date.parse(member.communication_disabled_until) > Date.now()
        ? `, timed out until ${member.communication_disabled_until}`
        : "";
    lines.push(
      `  ${member.user.username} (${member.user.id})${member.user.bot ? " [bot]" : ""}: ${member.roles.map(role).join(", ") || "no roles"}${timeout}`,
    );
  }
  lines.push("", "Channels:");
  for (const channel of guild.channels) {
    const kind = ChannelType[channel.type] ?? String(channel.type);
    const slowmode = channel.rate_limit_per_user ? `, slowmode ${channel.rate_limit_per_user}s` : "";
    const meta = (channel as { thread_metadata?: { archived: boolean; locked: boolean } }).thread_metadata;
    const closed = meta?.locked ? ", locked" : meta?.archived ? ", archived" : "";
    const messages = guild.messages[channel.id] ?? [];
    lines.push(
      `  #${channel.name} (${channel.id}) ${kind}${slowmode}${closed}, ${messages.length} messages, ${messages.filter((message) => message.pinned).length} pinned`,
    );
    for (const overwrite of channel.permission_overwrites ?? [])
      lines.push(
        `      overwrite ${overwrite.type === 0 ? role(overwrite.id) : target(overwrite.id)}: allow ${names(overwrite.allow)}; deny ${names(overwrite.deny)}`,
      );
    for (const message of messages.slice(-3))
      lines.push(
        `      ${message.pinned ? "📌 " : ""}${message.author.username}: ${message.content.slice(0, 80)}`,
      );
  }
  lines.push(
    "",
    `Webhooks: ${guild.webhooks.map((hook) => `${hook.name} (${hook.id}) in ${target(hook.channel_id ?? "")}`).join("; ") || "none"}`,
  );
  lines.push(
    `Bans: ${guild.bans.map((ban) => `${ban.user.username} (${ban.user.id})`).join(", ") || "none"}`,
  );
  lines.push(
    `AutoMod rules: ${(guild.auto_moderation_rules ?? []).map((rule) => `${rule.name} (${rule.id}, trigger ${rule.trigger_type}${rule.enabled ? "" : ", off"})`).join("; ") || "none"}`,
  );
  lines.push("", "Audit log (newest last):");
  for (const entry of guild.audit_log.slice(-15))
    lines.push(
      `  ${AuditLogEvent[entry.action_type] ?? entry.action_type} → ${entry.target_id ? target(entry.target_id) : "-"}${entry.reason ? `  reason: ${entry.reason}` : ""}`,
    );
  return lines.join("\n");
}
