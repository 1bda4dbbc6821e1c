import { ulid } from "ulid";
import type { Sealed } from "../../crypto/sealed.ts";
import type { DataClassRegistry } from "../../data/data-class.ts";
import { ConditionFailedError } from "../../data/errors.ts";
import { newItem, revisionOf } from "../../data/items.ts";
import { tenantPk } from "../../data/keys.ts";
import { allPages, mapLimit } from "../../data/paging.ts";
import type { DocumentItem, DocumentStore, ItemKey, SortKeyCondition } from "../../data/ports.ts";
import { type Clock, systemClock } from "../../ports/observability.ts";
import type { KeywordLogEntry, KeywordLogStore, KeywordSnapshot, KnownLog } from "./ports.ts";

/** DynamoDB allows 400 KB per item; bodies are split well below that. */
const PART_CHARS = 300_000;
const CLASS = "keyword-index";
/** Bodies read at once when a refresh finds several new entries. */
const READS = 4;

export interface DocumentKeywordStoreOptions {
  /** `data.documents`: writes are checked against the `keyword-index` class. */
  documents: DocumentStore;
  classes: DataClassRegistry;
  clock?: Clock;
}

/**
 * The keyword log in the warm tier (the Lambda choice: a container's disk does not outlive
 * it). Per guild: the sealed term key (`KW#KEY`), a snapshot pointer (`KW#SNAP`, with its part
 * count) and its parts (`KW#SNAPPART#<id>#<n>`), and log entries (`KW#LOG#<seq>#<n>`), bodies
 * split into parts under the item size limit, each entry with a small marker (`KW#SEQ#<seq>#`,
 * its part count) written after its parts. A refresh reads the snapshot only when it is not the
 * one the caller holds, queries the markers of the log's tail and reads the bodies of only the
 * entries the caller has not applied; compaction deletes by key, without reading what it drops.
 *
 * @example
 * const store = createDocumentKeywordStore({ documents: data.documents, classes: data.classes });
 */
export function createDocumentKeywordStore(options: DocumentKeywordStoreOptions): KeywordLogStore {
  const { documents } = options;
  const clock = options.clock ?? systemClock;
  const cls = options.classes.get(CLASS);
  const key = (guildId: string, sk: string): ItemKey => ({ pk: tenantPk(guildId), sk });
  const item = (guildId: string, sk: string, data: Record<string, unknown>) =>
    newItem({ cls, tenant: guildId, key: key(guildId, sk), data, now: clock.now() });
  const query = async (guildId: string, sk: SortKeyCondition) => {
    const items: DocumentItem[] = [];
    const pages = allPages((cursor) =>
      documents.query(tenantPk(guildId), { sk, consistent: true, ...(cursor ? { cursor } : {}) }),
    );
    for await (const found of pages) items.push(found);
    return items;
  };
  /** Writes a body as parts under `prefix`; resolves how many. */
  const writeParts = async (guildId: string, prefix: string, body: string) => {
    const parts = split(body);
    await documents.batchWrite({
      puts: parts.map((part, n) => item(guildId, `${prefix}#${n}`, { body: part, of: parts.length })),
    });
    return parts.length;
  };
  const entryBody = async (guildId: string, seq: string) =>
    joinParts(await query(guildId, { prefix: `KW#LOG#${seq}#` }));

  const readSnapshot = async (
    guildId: string,
    after?: string,
    known?: KnownLog,
  ): Promise<KeywordSnapshot | undefined> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const pointer = await documents.get(key(guildId, "KW#SNAP"), { consistent: true });
      if (!pointer || (after !== undefined && String(pointer.data.seq) <= after)) return undefined;
      if (after !== undefined && pointer.data.seq === known?.snapshot) return undefined;
      const parts = await query(guildId, { prefix: `KW#SNAPPART#${pointer.data.id}#` });
      const body = joinParts(parts);
      if (body !== undefined) return JSON.parse(body) as KeywordSnapshot;
    } // a compaction replaced the parts while they were read: read the new pointer
    throw new Error(`the keyword snapshot of guild ${guildId} kept changing while it was read`);
  };

  return {
    async getKey(guildId) {
      return (await documents.get(key(guildId, "KW#KEY"), { consistent: true }))?.data.termKey as
        | Sealed
        | undefined;
    },
    async putKeyIfAbsent(guildId, sealed) {
      try {
        await documents.put(item(guildId, "KW#KEY", { termKey: sealed }), { ifAbsent: true });
        return sealed;
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        return (await this.getKey(guildId)) as Sealed;
      }
    },
    async append(guildId, entry) {
      const of = await writeParts(guildId, `KW#LOG#${entry.seq}`, JSON.stringify(entry));
      await documents.put(item(guildId, `KW#SEQ#${entry.seq}#`, { of }));
    },
    async read(guildId, after, known) {
      if (after === undefined) {
        const snapshot = await readSnapshot(guildId);
        const bodies = groupParts(await query(guildId, { prefix: "KW#LOG#" }));
        const entries = bodies.map((body) => JSON.parse(body) as KeywordLogEntry);
        return snapshot ? { snapshot, entries } : { entries };
      }
      // The pointer and the tail's markers in one round trip: a refresh that finds nothing new
      // costs one GetItem and one Query side by side.
      const [snapshot, markers] = await Promise.all([
        readSnapshot(guildId, after, known),
        query(guildId, { between: [`KW#SEQ#${after}#~`, "KW#SEQ#~"] }),
      ]);
      const wanted = markers.map(seqOf).filter((seq) => !known?.entries.has(seq));
      const found = await mapLimit(wanted, READS, (seq) => entryBody(guildId, seq));
      // An entry whose parts are gone was compacted.
      const entries = found.flatMap((body) =>
        body === undefined ? [] : [JSON.parse(body) as KeywordLogEntry],
      );
      return snapshot ? { snapshot, entries } : { entries };
    },
    async compact(guildId, snapshot, covered, previousSeq) {
      const pointer = await documents.get(key(guildId, "KW#SNAP"), { consistent: true });
      if ((pointer?.data.seq as string | undefined) !== previousSeq) return false;
      const id = ulid(clock.now());
      const parts = await writeParts(guildId, `KW#SNAPPART#${id}`, JSON.stringify(snapshot));
      const next = item(guildId, "KW#SNAP", { seq: snapshot.seq, id, parts });
      try {
        await documents.put(next, pointer ? { ifUnchanged: revisionOf(pointer) } : { ifAbsent: true });
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        await documents.batchWrite({ deletes: partKeys(guildId, `KW#SNAPPART#${id}`, parts) });
        return false;
      }
      if (pointer) {
        const old = await storedParts(guildId, `KW#SNAPPART#${pointer.data.id}`, pointer.data.parts);
        await documents.batchWrite({ deletes: old });
      }
      await deleteEntries(guildId, covered);
      return true;
    },
  };

  function partKeys(guildId: string, prefix: string, parts: number): ItemKey[] {
    return Array.from({ length: parts }, (_, n) => key(guildId, `${prefix}#${n}`));
  }

  /** The keys of a body's parts; a body written before part counts were kept is queried for them. */
  async function storedParts(guildId: string, prefix: string, parts: unknown): Promise<ItemKey[]> {
    if (typeof parts === "number") return partKeys(guildId, prefix, parts);
    return (await query(guildId, { prefix: `${prefix}#` })).map(({ pk, sk }) => ({ pk, sk }));
  }

  /** Deletes the entries' parts, then their markers (a marker without parts reads as compacted). */
  async function deleteEntries(guildId: string, seqs: readonly string[]) {
    if (seqs.length === 0) return;
    const sorted = [...seqs].sort();
    const range: SortKeyCondition = { between: [`KW#SEQ#${sorted[0]}#`, `KW#SEQ#${sorted.at(-1)}#~`] };
    const wanted = new Set(seqs);
    const markers = (await query(guildId, range)).filter((marker) => wanted.has(seqOf(marker)));
    const parts = new Map(markers.map((marker) => [seqOf(marker), marker.data.of]));
    const keys = await mapLimit(seqs, READS, (seq) => storedParts(guildId, `KW#LOG#${seq}`, parts.get(seq)));
    await documents.batchWrite({ deletes: keys.flat() });
    await documents.batchWrite({ deletes: markers.map(({ pk, sk }) => ({ pk, sk })) });
  }
}

const seqOf = (found: DocumentItem) => found.sk.split("#")[2] ?? "";

function split(body: string): string[] {
  const parts: string[] = [];
  for (let start = 0; start < body.length || parts.length === 0; start += PART_CHARS) {
    parts.push(body.slice(start, start + PART_CHARS));
  }
  return parts;
}

/** The whole body, or `undefined` when a part is missing. */
function joinParts(parts: readonly DocumentItem[]): string | undefined {
  const sorted = [...parts].sort((a, b) => partIndex(a) - partIndex(b));
  const of = Number(sorted[0]?.data.of ?? 0);
  if (of === 0 || sorted.length !== of || sorted.some((part, n) => partIndex(part) !== n)) return undefined;
  return sorted.map((part) => String(part.data.body)).join("");
}

/** Bodies of complete log entries in seq order; an entry still being written is left out. */
function groupParts(items: readonly DocumentItem[]): string[] {
  const bySeq = new Map<string, DocumentItem[]>();
  for (const found of items) {
    const seq = seqOf(found);
    bySeq.set(seq, [...(bySeq.get(seq) ?? []), found]);
  }
  return [...bySeq.keys()].sort().flatMap((seq) => joinParts(bySeq.get(seq) ?? []) ?? []);
}

const partIndex = (found: DocumentItem) => Number(found.sk.split("#").at(-1));
