import { ulid } from "ulid";
import type { Sealed } from "../../crypto/sealed.ts";
import type { DataClassRegistry } from "../../data/data-class.ts";
import { ConditionFailedError } from "../../data/errors.ts";
import { newItem, revisionOf } from "../../data/items.ts";
import { tenantPk } from "../../data/keys.ts";
import { allPages } from "../../data/paging.ts";
import type { DocumentItem, DocumentStore, ItemKey, SortKeyCondition } from "../../data/ports.ts";
import { type Clock, systemClock } from "../../ports/observability.ts";
import type { KeywordLogEntry, KeywordLogStore, KeywordSnapshot } from "./ports.ts";

/** DynamoDB allows 400 KB per item; bodies are split well below that. */
const PART_CHARS = 300_000;
const CLASS = "keyword-index";

export interface DocumentKeywordStoreOptions {
  /** `data.documents`: writes are checked against the `keyword-index` class. */
  documents: DocumentStore;
  classes: DataClassRegistry;
  clock?: Clock;
}

/**
 * The keyword log in the warm tier (the Lambda choice: a container's disk does not outlive
 * it). Per guild: the sealed term key (`KW#KEY`), a snapshot pointer (`KW#SNAP`) with its
 * parts (`KW#SNAPPART#<id>#<n>`), and log entries (`KW#LOG#<seq>#<n>`), bodies split into parts
 * under the item size limit. A refresh is one query over the log's tail.
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
  const writeParts = (guildId: string, prefix: string, body: string) =>
    documents.batchWrite({
      puts: split(body).map((part, n, all) =>
        item(guildId, `${prefix}#${n}`, { body: part, of: all.length }),
      ),
    });

  const readSnapshot = async (guildId: string, after?: string): Promise<KeywordSnapshot | undefined> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const pointer = await documents.get(key(guildId, "KW#SNAP"), { consistent: true });
      if (!pointer || (after !== undefined && String(pointer.data.seq) <= after)) return undefined;
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
    append: (guildId, entry) => writeParts(guildId, `KW#LOG#${entry.seq}`, JSON.stringify(entry)),
    async read(guildId, after) {
      const snapshot = await readSnapshot(guildId, after);
      const range: SortKeyCondition =
        after === undefined ? { prefix: "KW#LOG#" } : { between: [`KW#LOG#${after}#~`, "KW#LOG#~"] };
      const entries = groupParts(await query(guildId, range)).map(
        (body) => JSON.parse(body) as KeywordLogEntry,
      );
      return snapshot ? { snapshot, entries } : { entries };
    },
    async compact(guildId, snapshot, covered, previousSeq) {
      const pointer = await documents.get(key(guildId, "KW#SNAP"), { consistent: true });
      if ((pointer?.data.seq as string | undefined) !== previousSeq) return false;
      const id = ulid(clock.now());
      await writeParts(guildId, `KW#SNAPPART#${id}`, JSON.stringify(snapshot));
      const next = item(guildId, "KW#SNAP", { seq: snapshot.seq, id });
      try {
        await documents.put(next, pointer ? { ifUnchanged: revisionOf(pointer) } : { ifAbsent: true });
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        await deletePrefix(guildId, `KW#SNAPPART#${id}#`);
        return false;
      }
      if (pointer) await deletePrefix(guildId, `KW#SNAPPART#${pointer.data.id}#`);
      await deleteEntries(guildId, covered);
      return true;
    },
  };

  async function deletePrefix(guildId: string, prefix: string) {
    const found = await query(guildId, { prefix });
    await documents.batchWrite({ deletes: found.map(({ pk, sk }) => ({ pk, sk })) });
  }

  async function deleteEntries(guildId: string, seqs: readonly string[]) {
    if (seqs.length === 0) return;
    const sorted = [...seqs].sort();
    const wanted = new Set(seqs);
    const found = await query(guildId, { between: [`KW#LOG#${sorted[0]}#`, `KW#LOG#${sorted.at(-1)}#~`] });
    const deletes = found.filter((entry) => wanted.has(entry.sk.split("#")[2] ?? ""));
    await documents.batchWrite({ deletes: deletes.map(({ pk, sk }) => ({ pk, sk })) });
  }
}

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
    const seq = found.sk.split("#")[2] ?? "";
    bySeq.set(seq, [...(bySeq.get(seq) ?? []), found]);
  }
  return [...bySeq.keys()].sort().flatMap((seq) => joinParts(bySeq.get(seq) ?? []) ?? []);
}

const partIndex = (found: DocumentItem) => Number(found.sk.split("#").at(-1));
