import { newItem, revise, revisionOf } from "../data/items.ts";
import { itemKeys } from "../data/keys.ts";
import type { DocumentItem, DocumentStore } from "../data/ports.ts";
import type { DataServices } from "../data/services.ts";
import type { Clock } from "../ports/observability.ts";

/** A member's privacy preference in one guild: whether the bot may remember what they write. */
export interface RememberPreference {
  /** False once the member opted out ("don't remember me"). */
  remember: boolean;
}

const optedOut = (item: DocumentItem | undefined) =>
  (item?.data.preferences as { forgetMe?: unknown } | undefined)?.forgetMe === true;

/**
 * Whether the bot may remember what `user` writes in `guild` (true unless they opted out).
 *
 * @example
 * if (!(await rememberPreference(data.documents, guildId, authorId)).remember) return "opted-out";
 */
export async function rememberPreference(
  documents: DocumentStore,
  guild: string,
  user: string,
): Promise<RememberPreference> {
  return { remember: !optedOut(await documents.get(itemKeys.userProfile(guild, user))) };
}

/**
 * Opts a member out of being remembered, or back in, in their profile; writes an audit record
 * when the preference changed. Resolves the preference now in force and whether it changed.
 *
 * @example
 * await setRememberPreference({ data, clock }, { guild, user, remember: false, actor: `user:${user}` });
 */
export async function setRememberPreference(
  deps: { data: DataServices; clock: Clock },
  input: { guild: string; user: string; remember: boolean; actor: string },
): Promise<RememberPreference & { changed: boolean }> {
  const { documents, classes, tenants, audit } = deps.data;
  const key = itemKeys.userProfile(input.guild, input.user);
  const current = await documents.get(key, { consistent: true });
  if (optedOut(current) === !input.remember) return { remember: input.remember, changed: false };
  const now = deps.clock.now();
  const forgetMe = !input.remember;
  if (current) {
    const preferences = { ...(current.data.preferences as object), forgetMe };
    await documents.put(revise(current, { ...current.data, preferences }, now), {
      ifUnchanged: revisionOf(current),
    });
  } else {
    await tenants.ensure(input.guild);
    const cls = classes.get("user-profile");
    const data = { preferences: { forgetMe } };
    await documents.put(newItem({ cls, tenant: input.guild, subject: input.user, key, data, now }), {
      ifAbsent: true,
    });
  }
  await audit.record({
    actor: input.actor,
    action: forgetMe ? "privacy.opted-out" : "privacy.opted-in",
    tenant: input.guild,
    subject: input.user,
    cls: "user-profile",
  });
  return { remember: input.remember, changed: true };
}

/**
 * What erasure leaves of a member's profile: only the opt-out, which records their objection
 * to being remembered, so the bot keeps honouring it; nothing when they had not opted out.
 *
 * @example
 * profileAfterErasure(profile, now) // { ...profile, data: { preferences: { forgetMe: true } } } or undefined
 */
export function profileAfterErasure(profile: DocumentItem, now: number): DocumentItem | undefined {
  return optedOut(profile) ? revise(profile, { preferences: { forgetMe: true } }, now) : undefined;
}
