import { newId, type Sealed } from "@megawatts/core";
import type { ModerationDeps } from "./deps.ts";
import type { ActionPayload } from "./payloads.ts";

// An interaction token lives 15 minutes; an action is only confirmable while its reply can be edited.
const PENDING_TTL_SECONDS = 14 * 60;
const key = (id: string) => `moderation:pending:${id}`;
const sealContext = (guildId: string, invoker: string) => ({
  tenant: guildId,
  subject: invoker,
  purpose: "moderation.pending",
});

/**
 * Keeps a dangerous action until its moderator confirms it: the invoker in the clear (to refuse
 * others), the action (with its reason) sealed under their key, in the hot tier for 14 minutes.
 *
 * @example
 * const id = await savePending(deps, payload);
 */
export async function savePending(deps: ModerationDeps, payload: ActionPayload): Promise<string> {
  const { guildId, userId } = payload.actor;
  const id = newId("mp");
  const sealed = await deps.envelope.seal(JSON.stringify(payload), sealContext(guildId, userId));
  await deps.cache.tenant(guildId).set(key(id), JSON.stringify({ invoker: userId, sealed }), {
    ttlSeconds: PENDING_TTL_SECONDS,
    tags: [`user:${userId}`],
  });
  return id;
}

/** The stored action, taken (it can be confirmed once); `expired` or `not-yours` otherwise. */
export async function takePending(
  deps: ModerationDeps,
  guildId: string,
  id: string,
  clicker: string,
): Promise<{ payload: ActionPayload } | { expired: true } | { notYours: string }> {
  const cache = deps.cache.tenant(guildId);
  const raw = await cache.get(key(id));
  if (!raw) return { expired: true };
  const stored = JSON.parse(raw) as { invoker: string; sealed: Sealed };
  if (stored.invoker !== clicker) return { notYours: stored.invoker };
  await cache.delete(key(id));
  const opened = await deps.envelope.open(stored.sealed, sealContext(guildId, stored.invoker));
  return { payload: JSON.parse(opened) as ActionPayload };
}
