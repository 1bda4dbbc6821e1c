import { AuditLogEvent, PermissionFlagsBits } from "discord-api-types/v10";
import { z } from "zod";
import type { GuildState } from "./state.ts";

/** An action a person takes in Discord's own UI (not through the bot). */
export const HumanActionSchema = z.object({
  /** Who acts: a member of the server holding the permission the action needs. */
  as: z.string().regex(/^\d{17,20}$/),
  action: z.enum(["ban", "unban", "kick", "timeout"]),
  target: z.string().regex(/^\d{17,20}$/),
  reason: z.string().max(512).optional(),
  /** For a timeout: how long (at most 28 days). */
  minutes: z
    .number()
    .int()
    .min(1)
    .max(28 * 24 * 60)
    .default(60),
});
export type HumanAction = z.input<typeof HumanActionSchema>;

const NEEDS = {
  ban: PermissionFlagsBits.BanMembers,
  unban: PermissionFlagsBits.BanMembers,
  kick: PermissionFlagsBits.KickMembers,
  timeout: PermissionFlagsBits.ModerateMembers,
} as const;

/**
 * Does what a moderator would do in Discord's UI, with the audit-log entry naming them rather
 * than the bot: how tests and `npm run discord -- act` give the audit-log sync something to import.
 * Throws a plain sentence when Discord's UI would not let them.
 *
 * @example
 * actAsPerson(state, { as: LOCAL_GUILD.adminId, action: "ban", target: LOCAL_GUILD.memberId });
 */
export function actAsPerson(state: GuildState, input: HumanAction): string {
  const parsed = HumanActionSchema.safeParse(input);
  if (!parsed.success) throw new Error(`not an action a person can take: ${z.prettifyError(parsed.error)}`);
  const { as, action, target, reason, minutes } = parsed.data;
  if ((state.permissionsOf(as) & NEEDS[action]) !== NEEDS[action])
    throw new Error(`${as} may not ${action} in ${state.name}.`);
  const account = state.users.get(target);
  if (!account) throw new Error(`${target} is no user of ${state.name}.`);
  const entry = { targetId: target, reason, userId: as };
  if (action === "ban") {
    state.members.delete(target);
    state.bans.set(target, { user: account, reason: reason ?? null });
    return state.audit(AuditLogEvent.MemberBanAdd, entry).id;
  }
  if (action === "unban") {
    if (!state.bans.delete(target)) throw new Error(`${target} is not banned.`);
    return state.audit(AuditLogEvent.MemberBanRemove, entry).id;
  }
  const member = state.members.get(target);
  if (!member) throw new Error(`${target} is not a member of ${state.name}.`);
  if (action === "kick") {
    state.members.delete(target);
    return state.audit(AuditLogEvent.MemberKick, entry).id;
  }
  const until = new Date(Date.now() + minutes * 60_000).toISOString();
  const before = member.communication_disabled_until ?? null;
  member.communication_disabled_until = until;
  return state.audit(AuditLogEvent.MemberUpdate, {
    ...entry,
    changes: [{ key: "communication_disabled_until", old_value: before, new_value: until }],
  } as Parameters<GuildState["audit"]>[1]).id;
}
