import type { Sealed } from "../../crypto/sealed.ts";
import type { KeywordHit, MessageFilter } from "./bm25.ts";
import type { SealedKeyStore } from "./term-keys.ts";

/** One indexed chunk of a message: keyed term hashes and counts, never text. */
export interface KeywordChunk {
  /** `<channel>:<message>:<n>`, the same id as the chunk's vector. */
  id: string;
  /** Term hash → occurrences in the chunk. */
  terms: Record<string, number>;
  /** Terms in the chunk (BM25's document length). */
  length: number;
  /** For a context chunk: the other messages (and their authors) whose words it holds. */
  sources?: ChunkSources;
}

/** Whose words a context chunk holds besides its own message's; erasure removes it with them. */
export interface ChunkSources {
  messageIds: string[];
  authorIds: string[];
}

/** A message as the keyword index holds it: ids, time, content hash and its chunks. */
export interface KeywordMessage {
  messageId: string;
  channelId: string;
  authorId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** SHA-256 of the normalised content, so re-ingesting unchanged content is recognised. */
  contentHash: string;
  chunks: KeywordChunk[];
}

/**
 * One change to a guild's index. `seq` orders changes (a ULID): a message's newest change
 * wins, whatever order entries are read in, so replaying an entry twice or late is harmless.
 */
export interface KeywordLogEntry {
  seq: string;
  upserts?: KeywordMessage[];
  deleteMessages?: string[];
  deleteAuthors?: string[];
  /** New plaintext terms of this entry (JSON array), sealed under the guild's key, for suggestions. */
  vocabulary?: Sealed;
}

/** The whole index at one `seq`: what compaction writes and loading starts from. */
export interface KeywordSnapshot {
  seq: string;
  messages: Array<KeywordMessage & { seq: string }>;
  /** Message id → seq of its deletion; an older upsert that arrives late stays deleted. */
  deletedMessages: Record<string, string>;
  deletedAuthors: Record<string, string>;
  /** Every term still in use (JSON array), sealed under the guild's key. */
  vocabulary?: Sealed;
}

/** What a reader of the log holds already: the seq of its snapshot, and the entries it applied. */
export interface KnownLog {
  snapshot?: string | undefined;
  entries: ReadonlySet<string>;
}

/**
 * Where a guild's keyword index persists: a snapshot plus a log of entries after it. Every
 * call names its guild and never reaches another.
 *
 * @example
 * await store.append(guildId, { seq, upserts });
 * const { snapshot, entries } = await store.read(guildId);
 */
export interface KeywordLogStore extends SealedKeyStore {
  append(guildId: string, entry: KeywordLogEntry): Promise<void>;
  /**
   * The snapshot, unless `after` is given and the snapshot is not newer, and every entry with
   * `seq > after` (every entry when `after` is absent), in seq order. A read with `after` may
   * leave out what the caller says it holds (`known`): the snapshot of that seq, and entries
   * with those seqs.
   */
  read(
    guildId: string,
    after?: string,
    known?: KnownLog,
  ): Promise<{ snapshot?: KeywordSnapshot; entries: KeywordLogEntry[] }>;
  /**
   * Replaces the snapshot built on `previousSeq` (`undefined`: there was none) and then drops
   * exactly the entries it covers, so an entry written while it was being made survives.
   * Resolves `false`, changing nothing, when another snapshot has replaced `previousSeq`.
   */
  compact(
    guildId: string,
    snapshot: KeywordSnapshot,
    covered: readonly string[],
    previousSeq: string | undefined,
  ): Promise<boolean>;
}

/** A message to index: ids, time, content hash and its chunks' text. */
export interface KeywordInput extends Omit<KeywordMessage, "chunks"> {
  chunks: Array<{ id: string; text: string; sources?: ChunkSources }>;
}

/** What the index knows of a message: ids, time, content hash and chunk ids. */
export type IndexedMessage = Omit<KeywordMessage, "chunks"> & {
  chunkIds: string[];
  /** The messages its context chunk quotes, nearest first (absent without one). */
  context?: string[];
};

/**
 * The keyword side of search: BM25 over keyed term hashes, one index per guild. See
 * `createKeywordIndex`.
 */
export interface KeywordIndex {
  /** Indexes messages, replacing earlier versions of the same message ids. */
  upsert(guildId: string, messages: readonly KeywordInput[]): Promise<void>;
  /** Resolves how many of the messages were indexed; context chunks quoting them go too. */
  deleteMessages(guildId: string, messageIds: readonly string[]): Promise<number>;
  /**
   * Erasure: drops every message of the author, and every other message's context chunk that
   * quotes them, and compacts, so no stored entry keeps their terms.
   */
  deleteAuthor(guildId: string, authorId: string): Promise<number>;
  search(
    guildId: string,
    query: string,
    options: { limit: number; filter?: MessageFilter },
  ): Promise<KeywordHit[]>;
  /**
   * The context chunks of other messages that quote an author or any of some messages: what
   * erasure must also remove from the vector index.
   */
  quotingChunks(
    guildId: string,
    quoted: { authorId?: string; messageIds?: readonly string[] },
  ): Promise<string[]>;
  /**
   * Vectors of texts learned from the guild's corpus (see `Cooccurrence`), as if `pending`
   * texts, about to be indexed, were already: each of length `CORPUS_DIMENSIONS`.
   */
  corpusVectors(
    guildId: string,
    texts: readonly string[],
    pending?: readonly string[],
  ): Promise<Float32Array[]>;
  /** The indexed versions of those messages that are indexed, by message id. */
  indexed(guildId: string, messageIds: readonly string[]): Promise<Map<string, IndexedMessage>>;
  /** The indexed messages of one author (export). */
  messagesBy(guildId: string, authorId: string): Promise<IndexedMessage[]>;
  /** Words in use as written, with how many chunks hold their term, most used first (memory only). */
  terms(guildId: string): Promise<Array<{ term: string; chunks: number }>>;
  compact(guildId: string): Promise<boolean>;
}
