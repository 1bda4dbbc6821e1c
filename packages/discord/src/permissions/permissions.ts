import type { PermissionFlagsBits } from "discord-api-types/v10";

export type PermissionName = keyof typeof PermissionFlagsBits;

/**
 * Discord's permission bits by name. The type makes the table complete (a new permission in
 * `discord-api-types` fails the type-check until it is added) and a test checks every value,
 * so the ingress can read bits without bundling the whole of `discord-api-types`.
 */
export const PERMISSION_BITS: Readonly<Record<PermissionName, bigint>> = {
  CreateInstantInvite: 1n,
  KickMembers: 2n,
  BanMembers: 4n,
  Administrator: 8n,
  ManageChannels: 16n,
  ManageGuild: 32n,
  AddReactions: 64n,
  ViewAuditLog: 128n,
  PrioritySpeaker: 256n,
  Stream: 512n,
  ViewChannel: 1024n,
  SendMessages: 2048n,
  SendTTSMessages: 4096n,
  ManageMessages: 8192n,
  EmbedLinks: 16384n,
  AttachFiles: 32768n,
  ReadMessageHistory: 65536n,
  MentionEveryone: 131072n,
  UseExternalEmojis: 262144n,
  ViewGuildInsights: 524288n,
  Connect: 1048576n,
  Speak: 2097152n,
  MuteMembers: 4194304n,
  DeafenMembers: 8388608n,
  MoveMembers: 16777216n,
  UseVAD: 33554432n,
  ChangeNickname: 67108864n,
  ManageNicknames: 134217728n,
  ManageRoles: 268435456n,
  ManageWebhooks: 536870912n,
  ManageEmojisAndStickers: 1073741824n,
  ManageGuildExpressions: 1073741824n,
  UseApplicationCommands: 2147483648n,
  RequestToSpeak: 4294967296n,
  ManageEvents: 8589934592n,
  ManageThreads: 17179869184n,
  CreatePublicThreads: 34359738368n,
  CreatePrivateThreads: 68719476736n,
  UseExternalStickers: 137438953472n,
  SendMessagesInThreads: 274877906944n,
  UseEmbeddedActivities: 549755813888n,
  ModerateMembers: 1099511627776n,
  ViewCreatorMonetizationAnalytics: 2199023255552n,
  UseSoundboard: 4398046511104n,
  CreateGuildExpressions: 8796093022208n,
  CreateEvents: 17592186044416n,
  UseExternalSounds: 35184372088832n,
  SendVoiceMessages: 70368744177664n,
  SetVoiceChannelStatus: 281474976710656n,
  SendPolls: 562949953421312n,
  UseExternalApps: 1125899906842624n,
  PinMessages: 2251799813685248n,
  BypassSlowmode: 4503599627370496n,
};

/** The name Discord's client shows for a permission: `ManageGuild` → "Manage Server". */
const SHOWN: Partial<Record<PermissionName, string>> = {
  ManageGuild: "Manage Server",
  ViewChannel: "View Channels",
  ModerateMembers: "Timeout Members",
  ManageEmojisAndStickers: "Manage Expressions",
  ManageGuildExpressions: "Manage Expressions",
  CreateGuildExpressions: "Create Expressions",
  SendMessagesInThreads: "Send Messages in Threads",
  UseApplicationCommands: "Use Application Commands",
};

/**
 * How Discord's client names a permission, for messages to people.
 *
 * @example
 * permissionLabel("ReadMessageHistory") // "Read Message History"
 */
export function permissionLabel(name: PermissionName): string {
  return SHOWN[name] ?? name.replace(/([a-z])([A-Z])/g, "$1 $2");
}

/**
 * The permissions of `required` that a permission bit string (`app_permissions`,
 * `member.permissions`) lacks. Administrator grants every permission. A missing or malformed
 * string grants none.
 *
 * @example
 * missingPermissions(["ViewChannel", "ReadMessageHistory"], "1024") // ["ReadMessageHistory"]
 */
export function missingPermissions(required: readonly PermissionName[], granted: string | undefined) {
  const bits = granted !== undefined && /^\d{1,20}$/.test(granted) ? BigInt(granted) : 0n;
  if ((bits & PERMISSION_BITS.Administrator) !== 0n) return [];
  return required.filter((name) => (bits & PERMISSION_BITS[name]) !== PERMISSION_BITS[name]);
}

/**
 * One bit string for a set of permissions, as the invite link's `permissions` parameter wants.
 *
 * @example
 * permissionString(["ViewChannel", "ReadMessageHistory"]) // "66560"
 */
export function permissionString(names: readonly PermissionName[]): string {
  return names.reduce((bits, name) => bits | PERMISSION_BITS[name], 0n).toString();
}
