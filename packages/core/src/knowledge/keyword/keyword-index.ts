import { monotonicFactory } from "ulid";
import type { Envelope } from "../../crypto/envelope.ts";
import { type Clock, systemClock } from "../../ports/observability.ts";
import { Cooccurrence, documentVector } from "../corpus/cooccurrence.ts";
import { indexWords, keywordTerms, stem } from "../text/tokens.ts";
import { assertNamespace } from "../vector-rules.ts";
import { bm25Search } from "./bm25.ts";
import { GuildKeywords } from "./guild-keywords.ts";
import type { IndexedMessage, KeywordIndex, KeywordLogEntry, KeywordLogStore } from "./ports.ts";
import { type TermKeys, termHasher } from "./term-keys.ts";

export type { IndexedMessage, KeywordIndex, KeywordInput } from "./ports.ts";

export interface KeywordIndexOptions {
  store: KeywordLogStore;
  termKeys: TermKeys;
  /** Seals the vocabulary behind suggestions; without it `terms()` is always empty. */
  envelope?: Envelope;
  clock?: Clock;
  /**
   * Log entries after which a writer folds them into a snapshot (default 64), once they change
   * at least half as many messages as the snapshot holds (see `GuildKeywords.dueForCompaction`).
   */
  compactAfter?: number;
  /** Default 30 s; see `GuildKeywordsDeps.lookbackMs`. */
  lookbackMs?: number;
}

/**
 * Opens the keyword index over a log store. A guild's index is loaded on first use and kept
 * in this container; each call first reads what other writers appended since (or waits for
 * the read already in flight, started by a concurrent call).
 *
 * @example
 * const keywords = createKeywordIndex({ store: createMemoryKeywordStore(), termKeys: derivedTermKeys("dev") });
 * await keywords.upsert(guildId, [{ messageId, channelId, authorId, createdAt, contentHash, chunks }]);
 * await keywords.search(guildId, "deploy failing", { limit: 10 });
 */
export function createKeywordIndex(options: KeywordIndexOptions): KeywordIndex {
  const clock = options.clock ?? systemClock;
  const nextSeq = monotonicFactory();
  const guilds = new Map<string, Promise<GuildKeywords>>();
  const queues = new Map<string, Promise<unknown>>();
  const refreshes = new Map<string, Promise<void>>();
  const compactAfter = options.compactAfter ?? 64;

  const open = async (guildId: string): Promise<GuildKeywords> => {
    assertNamespace(guildId);
    let loading = guilds.get(guildId);
    if (!loading) {
      loading = (async () => {
        const hash = termHasher(await options.termKeys.forGuild(guildId));
        const deps = { store: options.store, hash, lookbackMs: options.lookbackMs ?? 30_000 };
        return new GuildKeywords(guildId, options.envelope ? { ...deps, envelope: options.envelope } : deps);
      })();
      guilds.set(guildId, loading);
      loading.catch(() => guilds.delete(guildId));
    }
    const guild = await loading;
    // A call made while a refresh of the guild is in flight (the keyword and vector halves of
    // one hybrid search) shares it rather than reading the same tail again.
    let refreshing = refreshes.get(guildId);
    if (!refreshing) {
      refreshing = guild.refresh().finally(() => refreshes.delete(guildId));
      refreshes.set(guildId, refreshing);
    }
    await refreshing;
    return guild;
  };
  // Writes of one guild run one at a time, so seqs and compaction follow call order.
  const write = <T>(guildId: string, work: (guild: GuildKeywords) => Promise<T>): Promise<T> => {
    const run = (queues.get(guildId) ?? Promise.resolve())
      .catch(() => {})
      .then(async () => {
        const guild = await open(guildId);
        const result = await work(guild);
        if (guild.dueForCompaction(compactAfter)) await guild.compact();
        return result;
      });
    queues.set(guildId, run);
    return run;
  };
  const append = (guild: GuildKeywords, entry: Omit<KeywordLogEntry, "seq">, terms: string[] = []) =>
    guild.append({ ...entry, seq: nextSeq(clock.now()) }, terms);

  return {
    upsert: (guildId, messages) =>
      write(guildId, async (guild) => {
        const vocabulary: string[] = [];
        const upserts = messages.map((message) => {
          const chunks = message.chunks.map(({ id, text, sources }) => {
            const written = indexWords(text);
            const terms = written.map(stem);
            vocabulary.push(...written);
            const chunk = { id, length: terms.length, terms: countHashes(terms, guild) };
            return sources ? { ...chunk, sources } : chunk;
          });
          return { ...message, chunks };
        });
        if (upserts.length > 0) await append(guild, { upserts }, vocabulary);
      }),
    deleteMessages: (guildId, messageIds) =>
      write(guildId, async (guild) => {
        const known = messageIds.filter((id) => guild.state.message(id));
        if (messageIds.length > 0) await append(guild, { deleteMessages: [...messageIds] });
        return known.length;
      }),
    deleteAuthor: (guildId, authorId) =>
      write(guildId, async (guild) => {
        const count = guild.state.messagesOf(authorId).length;
        await append(guild, { deleteAuthors: [authorId] });
        await guild.compact();
        return count;
      }),
    async search(guildId, query, { limit, filter }) {
      const guild = await open(guildId);
      const hashes = keywordTerms(query).map((term) => guildHash(guild, term));
      return bm25Search(guild.state, hashes, filter ? { limit, filter } : { limit });
    },
    async indexed(guildId, messageIds) {
      const { state } = await open(guildId);
      const found = new Map<string, IndexedMessage>();
      for (const id of messageIds) {
        const message = state.message(id);
        if (!message) continue;
        const { chunks, seq: _seq, ...rest } = message;
        const context = chunks.find((chunk) => chunk.sources)?.sources?.messageIds;
        found.set(id, {
          ...rest,
          chunkIds: chunks.map((chunk) => chunk.id),
          ...(context ? { context } : {}),
        });
      }
      return found;
    },
    async quotingChunks(guildId, { authorId, messageIds = [] }) {
      const { state } = await open(guildId);
      const keys = [...(authorId ? [`a:${authorId}`] : []), ...messageIds.map((id) => `m:${id}`)];
      return [...new Set(keys.flatMap((key) => state.quoting(key)))];
    },
    async corpusVectors(guildId, texts, pending = []) {
      const guild = await open(guildId);
      const { state } = guild;
      const termsOf = (text: string) => indexWords(text).map((word) => guild.hash(stem(word)));
      const overlay = new Cooccurrence();
      const pendingDf = new Map<string, number>();
      for (const text of pending) {
        const terms = new Set(termsOf(text));
        overlay.add(terms, 1);
        for (const term of terms) pendingDf.set(term, (pendingDf.get(term) ?? 0) + 1);
      }
      const n = state.chunkCount + pending.length;
      const idf = (term: string) => {
        const df = (state.postings(term)?.size ?? 0) + (pendingDf.get(term) ?? 0);
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
      };
      return texts.map((text) => documentVector(state.cooccurrence, termsOf(text), idf, overlay));
    },
    async messagesBy(guildId, authorId) {
      const { state } = await open(guildId);
      return state.messagesOf(authorId).map(({ chunks, seq: _seq, ...rest }) => ({
        ...rest,
        chunkIds: chunks.map((chunk) => chunk.id),
      }));
    },
    async terms(guildId) {
      const guild = await open(guildId);
      return [...guild.vocabulary]
        .map(([term, hash]) => ({ term, chunks: guild.state.postings(hash)?.size ?? 0 }))
        .filter((entry) => entry.chunks > 0)
        .sort((a, b) => b.chunks - a.chunks || a.term.localeCompare(b.term));
    },
    compact: (guildId) => write(guildId, (guild) => guild.compact()),
  };
}

const guildHash = (guild: GuildKeywords, term: string) => guild.hash(term);

function countHashes(terms: readonly string[], guild: GuildKeywords): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const term of terms) {
    const hash = guild.hash(term);
    counts[hash] = (counts[hash] ?? 0) + 1;
  }
  return counts;
}
