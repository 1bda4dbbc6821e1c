import { type APIOverwrite, type APIRole, OverwriteType, PermissionFlagsBits } from "discord-api-types/v10";

/** Every permission bit Discord defines, for an administrator or the owner. */
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** The permissions a timed-out member keeps (Discord strips the rest while the timeout lasts). */
const TIMEOUT_KEPT = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory;

/** Who is asking, as Discord sees a member: its user id and role ids. */
export interface PermissionSubject {
  userId: string;
  roleIds: readonly string[];
  /** ISO time until which the member is timed out, if any. */
  communicationDisabledUntil?: string | null;
}

/** The parts of a guild that permissions are computed from. */
export interface PermissionGuild {
  id: string;
  ownerId: string;
  roles: readonly Pick<APIRole, "id" | "permissions" | "position">[];
}

function timedOut(subject: PermissionSubject, now: number): boolean {
  const until = subject.communicationDisabledUntil;
  return until ? Date.parse(until) > now : false;
}

/**
 * A member's guild-level permissions, as Discord computes them: the owner holds everything,
 * `@everyone` (the role whose id is the guild's) plus every role the member has, and
 * Administrator grants everything.
 *
 * @example
 * basePermissions(guild, { userId: "80351110224678912", roleIds: ["41771983423143936"] }); // bigint
 */
export function basePermissions(
  guild: PermissionGuild,
  subject: PermissionSubject,
  now = Date.now(),
): bigint {
  if (subject.userId === guild.ownerId) return ALL_PERMISSIONS;
  const held = new Set([guild.id, ...subject.roleIds]);
  let permissions = 0n;
  for (const role of guild.roles) if (held.has(role.id)) permissions |= BigInt(role.permissions);
  if ((permissions & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;
  return timedOut(subject, now) ? permissions & TIMEOUT_KEPT : permissions;
}

/**
 * Applies a channel's overwrites to guild-level permissions in Discord's order: `@everyone`,
 * then the member's roles together, then the member. Administrators are not affected.
 *
 * @example
 * channelPermissions(base, channel.permission_overwrites ?? [], guild.id, subject);
 */
export function channelPermissions(
  base: bigint,
  overwrites: readonly APIOverwrite[],
  guildId: string,
  subject: PermissionSubject,
): bigint {
  if ((base & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;
  let permissions = base;
  const everyone = overwrites.find((overwrite) => overwrite.id === guildId);
  if (everyone) permissions = (permissions & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type !== OverwriteType.Role || !subject.roleIds.includes(overwrite.id)) continue;
    allow |= BigInt(overwrite.allow);
    deny |= BigInt(overwrite.deny);
  }
  permissions = (permissions & ~deny) | allow;
  const own = overwrites.find(
    (overwrite) => overwrite.type === OverwriteType.Member && overwrite.id === subject.userId,
  );
  if (own) permissions = (permissions & ~BigInt(own.deny)) | BigInt(own.allow);
  // Without View Channel nothing else in the channel is possible.
  return (permissions & PermissionFlagsBits.ViewChannel) === 0n ? 0n : permissions;
}

/**
 * The permission names (keys of `PermissionFlagsBits`) that `required` asks for and `held` lacks.
 *
 * @example
 * missingPermissions(held, PermissionFlagsBits.BanMembers); // ["BanMembers"]
 */
export function missingPermissions(held: bigint, required: bigint): (keyof typeof PermissionFlagsBits)[] {
  if ((held & PermissionFlagsBits.Administrator) !== 0n) return [];
  const names: (keyof typeof PermissionFlagsBits)[] = [];
  for (const [name, bit] of Object.entries(PermissionFlagsBits) as [
    keyof typeof PermissionFlagsBits,
    bigint,
  ][]) {
    if (
      (required & bit) !== 0n &&
      (held & bit) === 0n &&
      !names.some((seen) => PermissionFlagsBits[seen] === bit)
    )
      names.push(name);
  }
  return names;
}

/**
 * The bit mask of permission names.
 *
 * @example
 * permissionBits(["KickMembers", "BanMembers"]); // 6n
 */
export function permissionBits(names: readonly (keyof typeof PermissionFlagsBits)[]): bigint {
  return names.reduce((all, name) => all | PermissionFlagsBits[name], 0n);
}
