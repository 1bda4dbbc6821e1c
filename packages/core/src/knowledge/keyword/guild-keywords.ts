import { decodeTime, encodeTime } from "ulid";
import type { Envelope } from "../../crypto/envelope.ts";
import type { Sealed } from "../../crypto/sealed.ts";
import { GUILD_SUBJECT } from "../../data/keys.ts";
import { stem } from "../text/tokens.ts";
import { KeywordState } from "./keyword-state.ts";
import type { KeywordLogEntry, KeywordLogStore, KeywordSnapshot } from "./ports.ts";

export interface GuildKeywordsDeps {
  store: KeywordLogStore;
  /** Seals the vocabulary kept for suggestions; without it, no vocabulary is kept. */
  envelope?: Envelope;
  /** The guild's term hasher (`termHasher(key)`). */
  hash: (term: string) => string;
  /** How far back each refresh re-reads, for entries another writer made with a slower clock. */
  lookbackMs: number;
}

/**
 * One guild's loaded keyword index: its state, the plaintext vocabulary behind its term
 * hashes (memory only), and what the next compaction would cover.
 */
export class GuildKeywords {
  state = new KeywordState();
  /** Word as written → the hash of its term; memory only. */
  vocabulary = new Map<string, string>();
  #snapshotSeq: string | undefined;
  /** Messages the snapshot this state started from holds. */
  #snapshotMessages = 0;
  /** Seq → messages it changed, for every entry applied since that snapshot. */
  #covered = new Map<string, number>();
  #changes = 0;

  constructor(
    readonly guildId: string,
    private readonly deps: GuildKeywordsDeps,
  ) {}

  /** The guild's term hasher. */
  get hash(): (term: string) => string {
    return this.deps.hash;
  }

  /**
   * Whether to fold the log into a snapshot: it holds at least `entries` entries, which change
   * at least half as many messages as the snapshot holds. So a snapshot is rewritten after its
   * index has grown by half or so, and the bytes compaction writes stay within a small multiple
   * of the bytes appended, however large the index grows.
   */
  dueForCompaction(entries: number): boolean {
    return this.#covered.size >= entries && this.#changes * 2 >= this.#snapshotMessages;
  }

  /** Reads what other writers appended since the last refresh (the whole index the first time). */
  async refresh(): Promise<void> {
    const after = this.state.seq ? lowerSeq(this.state.seq, this.deps.lookbackMs) : undefined;
    const known = { snapshot: this.#snapshotSeq, entries: new Set(this.#covered.keys()) };
    let { snapshot, entries } = await this.deps.store.read(this.guildId, after, known);
    if (snapshot && snapshot.seq !== this.#snapshotSeq) {
      // Another writer compacted: start over from its snapshot and every entry it left.
      if (after !== undefined) ({ snapshot = snapshot, entries } = await this.deps.store.read(this.guildId));
      await this.#reset(snapshot);
    }
    for (const entry of entries) await this.#apply(entry);
  }

  /** Appends an entry (its seq already set) and applies it; `words` are its words as written. */
  async append(entry: KeywordLogEntry, words: readonly string[]): Promise<void> {
    const fresh = [...new Set(words)].filter((word) => !this.vocabulary.has(word));
    const vocabulary = fresh.length > 0 ? await this.#seal(fresh) : undefined;
    const full = vocabulary ? { ...entry, vocabulary } : entry;
    await this.deps.store.append(this.guildId, full);
    await this.#apply(full);
  }

  /** Folds the applied entries into a new snapshot; `false` when another writer compacted first. */
  async compact(): Promise<boolean> {
    const snapshot: KeywordSnapshot = this.state.snapshot();
    const terms = [...this.vocabulary].filter(([, hash]) => this.state.postings(hash)).map(([word]) => word);
    if (terms.length > 0) {
      const sealed = await this.#seal(terms);
      if (sealed) snapshot.vocabulary = sealed;
    }
    const covered = [...this.#covered.keys()];
    const done = await this.deps.store.compact(this.guildId, snapshot, covered, this.#snapshotSeq);
    if (done) {
      this.#snapshotSeq = snapshot.seq;
      this.#snapshotMessages = snapshot.messages.length;
      for (const seq of covered) {
        this.#changes -= this.#covered.get(seq) ?? 0;
        this.#covered.delete(seq);
      }
    }
    return done;
  }

  async #reset(snapshot: KeywordSnapshot): Promise<void> {
    this.state = new KeywordState();
    this.vocabulary = new Map();
    this.#covered = new Map();
    this.#changes = 0;
    this.state.load(snapshot);
    this.#snapshotSeq = snapshot.seq;
    this.#snapshotMessages = snapshot.messages.length;
    await this.#learn(snapshot.vocabulary);
  }

  async #apply(entry: KeywordLogEntry): Promise<void> {
    if (this.#covered.has(entry.seq)) return; // re-read within the lookback window
    this.state.apply(entry);
    const changes = (entry.upserts?.length ?? 0) + (entry.deleteMessages?.length ?? 0);
    this.#covered.set(entry.seq, changes);
    this.#changes += changes;
    await this.#learn(entry.vocabulary);
  }

  async #learn(sealed: Sealed | undefined): Promise<void> {
    if (!sealed || !this.deps.envelope) return;
    const terms = JSON.parse(await this.deps.envelope.open(sealed, this.#ctx())) as string[];
    for (const word of terms) this.vocabulary.set(word, this.deps.hash(stem(word)));
  }

  async #seal(terms: readonly string[]): Promise<Sealed | undefined> {
    return this.deps.envelope?.seal(JSON.stringify(terms), this.#ctx());
  }

  #ctx() {
    return { tenant: this.guildId, subject: GUILD_SUBJECT, purpose: "knowledge.vocabulary" };
  }
}

/**
 * The smallest seq `ms` milliseconds before `seq`: where a refresh starts re-reading.
 *
 * @example
 * lowerSeq("01J0000000ABCDEFGHJKMNPQRS", 0) // "01J00000000000000000000000"
 */
export function lowerSeq(seq: string, ms: number): string {
  return `${encodeTime(Math.max(0, decodeTime(seq) - ms), 10)}${"0".repeat(16)}`;
}
