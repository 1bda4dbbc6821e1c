import { monotonicFactory } from "ulid";
import type { Envelope } from "../../crypto/envelope.ts";
import { type Clock, systemClock } from "../../ports/observability.ts";
import { indexWords, keywordTerms, stem } from "../text/tokens.ts";
import { assertNamespace } from "../vector-rules.ts";
import { bm25Search, type KeywordHit, type MessageFilter } from "./bm25.ts";
import { GuildKeywords } from "./guild-keywords.ts";
import type { KeywordLogEntry, KeywordLogStore, KeywordMessage } from "./ports.ts";
import { type TermKeys, termHasher } from "./term-keys.ts";

export interface KeywordIndexOptions {
  store: KeywordLogStore;
  termKeys: TermKeys;
  /** Seals the vocabulary behind suggestions; without it `terms()` is always empty. */
  envelope?: Envelope;
  clock?: Clock;
  /** Log entries after which a writer folds them into a snapshot (default 64). */
  compactAfter?: number;
  /** Default 30 s; see `GuildKeywordsDeps.lookbackMs`. */
  lookbackMs?: number;
}

/** A message to index: ids, time, content hash and its chunks' text. */
export interface KeywordInput extends Omit<KeywordMessage, "chunks"> {
  chunks: Array<{ id: string; text: string }>;
}

/** What the index knows of a message: ids, time, content hash and chunk ids. */
export type IndexedMessage = Omit<KeywordMessage, "chunks"> & { chunkIds: string[] };

/**
 * The keyword side of search: BM25 over keyed term hashes, one index per guild. See
 * `createKeywordIndex`.
 */
export interface KeywordIndex {
  /** Indexes messages, replacing earlier versions of the same message ids. */
  upsert(guildId: string, messages: readonly KeywordInput[]): Promise<void>;
  /** Resolves how many of the messages were indexed. */
  deleteMessages(guildId: string, messageIds: readonly string[]): Promise<number>;
  /** Erasure: drops every message of the author and compacts, so no stored entry keeps their terms. */
  deleteAuthor(guildId: string, authorId: string): Promise<number>;
  search(
    guildId: string,
    query: string,
    options: { limit: number; filter?: MessageFilter },
  ): Promise<KeywordHit[]>;
  /** The indexed versions of those messages that are indexed, by message id. */
  indexed(guildId: string, messageIds: readonly string[]): Promise<Map<string, IndexedMessage>>;
  /** The indexed messages of one author (export). */
  messagesBy(guildId: string, authorId: string): Promise<IndexedMessage[]>;
  /** Words in use as written, with how many chunks hold their term, most used first (memory only). */
  terms(guildId: string): Promise<Array<{ term: string; chunks: number }>>;
  compact(guildId: string): Promise<boolean>;
}

/**
 * Opens the keyword index over a log store. A guild's index is loaded on first use and kept
 * in this container; each call first reads what other writers appended since.
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
    await guild.refresh();
    return guild;
  };
  // Writes of one guild run one at a time, so seqs and compaction follow call order.
  const write = <T>(guildId: string, work: (guild: GuildKeywords) => Promise<T>): Promise<T> => {
    const run = (queues.get(guildId) ?? Promise.resolve())
      .catch(() => {})
      .then(async () => {
        const guild = await open(guildId);
        const result = await work(guild);
        if (guild.pendingEntries >= compactAfter) await guild.compact();
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
          const chunks = message.chunks.map(({ id, text }) => {
            const written = indexWords(text);
            const terms = written.map(stem);
            vocabulary.push(...written);
            return { id, length: terms.length, terms: countHashes(terms, guild) };
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
        found.set(id, { ...rest, chunkIds: chunks.map((chunk) => chunk.id) });
      }
      return found;
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
