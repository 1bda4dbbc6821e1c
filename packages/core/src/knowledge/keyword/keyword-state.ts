import { Cooccurrence } from "../corpus/cooccurrence.ts";
import type { KeywordChunk, KeywordLogEntry, KeywordMessage, KeywordSnapshot } from "./ports.ts";

type StoredMessage = KeywordMessage & { seq: string };

/** What the index keeps of one chunk; the keys of posting lists, so scoring reads it without a lookup. */
export interface IndexedChunk {
  readonly id: string;
  /** Terms in the chunk (BM25's document length). */
  readonly length: number;
  readonly messageId: string;
}

/**
 * One guild's keyword index in memory: messages, an inverted index of term hashes over their
 * chunks, and deletion marks. Changes apply last-writer-wins by `seq`, per message and per
 * author, so entries may be applied in any order and more than once.
 *
 * @example
 * const state = new KeywordState();
 * state.apply({ seq: "01J…", upserts: [message] });
 * state.postings("q3X9v0LrTj8e"); // Map { { id: "2:3:0", length: 4, messageId: "3" } => 1 }
 */
export class KeywordState {
  /** The highest seq applied. */
  seq = "";
  totalLength = 0;
  /** Which terms share chunks: built on first use (the corpus embedder), then kept as chunks come and go. */
  #cooccurrence: Cooccurrence | undefined;
  readonly #messages = new Map<string, StoredMessage>();
  readonly #byAuthor = new Map<string, Set<string>>();
  readonly #postings = new Map<string, Map<IndexedChunk, number>>();
  readonly #chunks = new Map<string, IndexedChunk>();
  readonly #deletedMessages = new Map<string, string>();
  readonly #deletedAuthors = new Map<string, string>();
  /** `a:<author>` or `m:<message>` → ids of the messages whose context chunk quotes it. */
  readonly #quotedBy = new Map<string, Set<string>>();

  get chunkCount(): number {
    return this.#chunks.size;
  }

  get messageCount(): number {
    return this.#messages.size;
  }

  apply(entry: KeywordLogEntry): void {
    const { seq } = entry;
    for (const author of entry.deleteAuthors ?? []) this.#deleteAuthor(author, seq);
    for (const id of entry.deleteMessages ?? []) {
      if ((this.#deletedMessages.get(id) ?? "") < seq) this.#deletedMessages.set(id, seq);
      const stored = this.#messages.get(id);
      if (stored && stored.seq < seq) this.#remove(stored);
      this.#dropQuoting(`m:${id}`, seq);
    }
    for (const message of entry.upserts ?? []) this.#upsert({ ...message, seq });
    if (seq > this.seq) this.seq = seq;
  }

  load(snapshot: KeywordSnapshot): void {
    for (const [author, seq] of Object.entries(snapshot.deletedAuthors))
      this.#deletedAuthors.set(author, seq);
    for (const [id, seq] of Object.entries(snapshot.deletedMessages)) this.#deletedMessages.set(id, seq);
    for (const message of snapshot.messages) this.#upsert(message);
    if (snapshot.seq > this.seq) this.seq = snapshot.seq;
  }

  /** Everything applied so far, as a snapshot at `this.seq` (vocabulary left to the caller). */
  snapshot(): KeywordSnapshot {
    return {
      seq: this.seq,
      messages: [...this.#messages.values()],
      deletedMessages: Object.fromEntries(this.#deletedMessages),
      deletedAuthors: Object.fromEntries(this.#deletedAuthors),
    };
  }

  message(messageId: string): StoredMessage | undefined {
    return this.#messages.get(messageId);
  }

  /** The messages of one author, newest change included. */
  messagesOf(authorId: string): StoredMessage[] {
    const ids = this.#byAuthor.get(authorId) ?? new Set();
    return [...ids].flatMap((id) => this.#messages.get(id) ?? []);
  }

  /** Ids of the context chunks that quote an author (`a:<id>`) or a message (`m:<id>`). */
  quoting(key: string): string[] {
    const ids = this.#quotedBy.get(key) ?? new Set();
    return [...ids].flatMap((id) => {
      const message = this.#messages.get(id);
      return (message?.chunks ?? []).filter((chunk) => quotes(chunk, key)).map((chunk) => chunk.id);
    });
  }

  /** The co-occurrence model of the chunks held now; deployments that never ask pay nothing for it. */
  get cooccurrence(): Cooccurrence {
    if (!this.#cooccurrence) {
      const model = new Cooccurrence();
      for (const message of this.#messages.values())
        for (const chunk of message.chunks) model.add(Object.keys(chunk.terms), 1);
      this.#cooccurrence = model;
    }
    return this.#cooccurrence;
  }

  /** Chunk → occurrences, for one term hash. */
  postings(termHash: string): ReadonlyMap<IndexedChunk, number> | undefined {
    return this.#postings.get(termHash);
  }

  chunk(chunkId: string): IndexedChunk | undefined {
    return this.#chunks.get(chunkId);
  }

  #upsert(message: StoredMessage): void {
    const current = this.#messages.get(message.messageId);
    if (current && current.seq >= message.seq) return;
    if ((this.#deletedMessages.get(message.messageId) ?? "") >= message.seq) return;
    if ((this.#deletedAuthors.get(message.authorId) ?? "") >= message.seq) return;
    if (current) this.#remove(current);
    // A context chunk quoting a member or message erased after this version was written stays out.
    const chunks = message.chunks.filter((chunk) => !this.#erasedSource(chunk, message.seq));
    const kept = chunks.length === message.chunks.length ? message : { ...message, chunks };
    this.#messages.set(message.messageId, kept);
    const mine = this.#byAuthor.get(message.authorId) ?? new Set<string>();
    this.#byAuthor.set(message.authorId, mine.add(message.messageId));
    for (const chunk of kept.chunks) {
      this.#addChunk(chunk, message.messageId);
      for (const key of sourceKeys(chunk)) {
        const quoting = this.#quotedBy.get(key) ?? new Set<string>();
        this.#quotedBy.set(key, quoting.add(message.messageId));
      }
    }
  }

  #erasedSource(chunk: KeywordChunk, seq: string): boolean {
    if (!chunk.sources) return false;
    const { authorIds, messageIds } = chunk.sources;
    return (
      authorIds.some((id) => (this.#deletedAuthors.get(id) ?? "") >= seq) ||
      messageIds.some((id) => (this.#deletedMessages.get(id) ?? "") >= seq)
    );
  }

  /** Removes the context chunks quoting `key` from messages written before `seq`. */
  #dropQuoting(key: string, seq: string): void {
    const quoting = this.#quotedBy.get(key) ?? new Set<string>();
    for (const id of quoting) {
      const message = this.#messages.get(id);
      if (!message || message.seq >= seq) continue;
      quoting.delete(id);
      const gone = message.chunks.filter((chunk) => quotes(chunk, key));
      if (gone.length === 0) continue;
      for (const chunk of gone) this.#removeChunk(chunk);
      this.#messages.set(id, { ...message, chunks: message.chunks.filter((chunk) => !gone.includes(chunk)) });
    }
    if (quoting.size === 0) this.#quotedBy.delete(key);
  }

  #addChunk(chunk: KeywordChunk, messageId: string): void {
    const indexed: IndexedChunk = { id: chunk.id, length: chunk.length, messageId };
    this.#chunks.set(chunk.id, indexed);
    this.totalLength += chunk.length;
    this.#cooccurrence?.add(Object.keys(chunk.terms), 1);
    for (const [term, count] of Object.entries(chunk.terms)) {
      const list = this.#postings.get(term) ?? new Map<IndexedChunk, number>();
      this.#postings.set(term, list.set(indexed, count));
    }
  }

  #remove(message: StoredMessage): void {
    this.#messages.delete(message.messageId);
    this.#byAuthor.get(message.authorId)?.delete(message.messageId);
    for (const chunk of message.chunks) this.#removeChunk(chunk);
  }

  #removeChunk(chunk: KeywordChunk): void {
    const indexed = this.#chunks.get(chunk.id);
    if (!indexed) return;
    this.#chunks.delete(chunk.id);
    this.totalLength -= chunk.length;
    this.#cooccurrence?.add(Object.keys(chunk.terms), -1);
    for (const term of Object.keys(chunk.terms)) {
      const list = this.#postings.get(term);
      list?.delete(indexed);
      if (list?.size === 0) this.#postings.delete(term);
    }
  }

  #deleteAuthor(authorId: string, seq: string): void {
    if ((this.#deletedAuthors.get(authorId) ?? "") < seq) this.#deletedAuthors.set(authorId, seq);
    for (const message of this.messagesOf(authorId)) if (message.seq < seq) this.#remove(message);
    this.#dropQuoting(`a:${authorId}`, seq);
  }
}

function sourceKeys(chunk: KeywordChunk): string[] {
  if (!chunk.sources) return [];
  return [
    ...chunk.sources.authorIds.map((id) => `a:${id}`),
    ...chunk.sources.messageIds.map((id) => `m:${id}`),
  ];
}

const quotes = (chunk: KeywordChunk, key: string) => sourceKeys(chunk).includes(key);
