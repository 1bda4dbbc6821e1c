import type { APIRole } from "discord-api-types/v10";

type RankedRole = Pick<APIRole, "id" | "position">;

/**
 * Discord's order of roles: higher position first, and on a tie the role with the lower id
 * (the older one) ranks higher. Returns a positive number when `a` ranks above `b`.
 */
export function compareRoles(a: RankedRole, b: RankedRole): number {
  if (a.position !== b.position) return a.position - b.position;
  return BigInt(a.id) < BigInt(b.id) ? 1 : BigInt(a.id) > BigInt(b.id) ? -1 : 0;
}

/**
 * The highest of a member's roles, or the guild's `@everyone` role when it has none.
 *
 * @example
 * highestRole(guild.roles, member.roles, guild.id)?.position;
 */
export function highestRole(
  roles: readonly RankedRole[],
  roleIds: readonly string[],
  guildId: string,
): RankedRole | undefined {
  const held = roles.filter((role) => role.id === guildId || roleIds.includes(role.id));
  return held.reduce<RankedRole | undefined>(
    (top, role) => (!top || compareRoles(role, top) > 0 ? role : top),
    undefined,
  );
}

/** Whether a member whose highest role is `actorTop` may manage `target` (strictly above it). */
export function outranks(actorTop: RankedRole | undefined, target: RankedRole): boolean {
  return actorTop !== undefined && compareRoles(actorTop, target) > 0;
}
