import type { KnowledgeDeps } from "../deps.ts";
import { getSealed, hotTier, putSealed } from "../retrieval/hot-values.ts";
import type { Turn } from "./prompt.ts";

/** How long a follow-up counts as one (default 10 minutes; the class allows an hour). */
export const FOLLOW_UP_SECONDS = 600;
const MAX_TURNS = 3;

interface StoredTurn extends Turn {
  at: number;
}

const slot = (channelId: string, userId: string) => ({
  key: `ctx:${channelId}:${userId}`,
  purpose: "conversation.turns",
});

/**
 * A member's last turns in a channel that are still within the follow-up window (hot tier,
 * `g:<guild>:ctx:<channel>:<user>`, sealed with the member's key).
 *
 * @example
 * const turns = await recentTurns(deps, guildId, channelId, userId);
 */
export async function recentTurns(
  deps: KnowledgeDeps,
  guildId: string,
  channelId: string,
  userId: string,
): Promise<Turn[]> {
  const hot = hotTier(deps, guildId);
  if (!hot) return [];
  const now = deps.clock?.now() ?? Date.now();
  const stored = (await getSealed<StoredTurn[]>(hot, slot(channelId, userId))) ?? [];
  return stored
    .filter((turn) => now - turn.at < FOLLOW_UP_SECONDS * 1_000)
    .map(({ question, answer }) => ({ question, answer }));
}

/**
 * Adds a turn, keeping the last three, sealed for the member and tagged `user:<id>` so the
 * member's erasure drops it.
 *
 * @example
 * await rememberTurn(deps, guildId, channelId, userId, { question, answer });
 */
export async function rememberTurn(
  deps: KnowledgeDeps,
  guildId: string,
  channelId: string,
  userId: string,
  turn: Turn,
): Promise<void> {
  const hot = hotTier(deps, guildId);
  if (!hot) return;
  const now = deps.clock?.now() ?? Date.now();
  const kept = (await getSealed<StoredTurn[]>(hot, slot(channelId, userId))) ?? [];
  const next = [...kept.filter((old) => now - old.at < FOLLOW_UP_SECONDS * 1_000), { ...turn, at: now }];
  await putSealed(hot, slot(channelId, userId), next.slice(-MAX_TURNS), {
    subject: userId,
    ttlSeconds: FOLLOW_UP_SECONDS,
    tags: [`user:${userId}`],
  });
}
