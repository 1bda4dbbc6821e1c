import type { Sealed } from "../../crypto/sealed.ts";
import type { SealedKeyStore } from "./term-keys.ts";

/** One indexed chunk of a message: keyed term hashes and counts, never text. */
export interface KeywordChunk {
  /** `<channel>:<message>:<n>`, the same id as the chunk's vector. */
  id: string;
  /** Term hash → occurrences in the chunk. */
  terms: Record<string, number>;
  /** Terms in the chunk (BM25's document length). */
  length: number;
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
   * `seq > after` (every entry when `after` is absent), in seq order.
   */
  read(guildId: string, after?: string): Promise<{ snapshot?: KeywordSnapshot; entries: KeywordLogEntry[] }>;
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
