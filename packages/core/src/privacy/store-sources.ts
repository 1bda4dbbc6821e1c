import { findSubjectItems, readColdItems, removeSubjectFromCold } from "../data/cold-subjects.ts";
import { BlobArchivedError } from "../data/errors.ts";
import type { DocumentItem } from "../data/ports.ts";
import { plural } from "../text/plural.ts";
import { profileAfterErasure } from "./preferences.ts";
import { openFields } from "./sealed-fields.ts";
import type { PrivacyServices, SubjectDataSource } from "./sources.ts";

type Deps = Pick<PrivacyServices, "data" | "envelope">;

/** One stored item as an export shows it: class, key, times, and its data with fields opened. */
async function exported(deps: Deps, item: DocumentItem) {
  const data = await openFields(deps.envelope, deps.data.classes.find(item.cls), item);
  const accessed = item.accessedAt ? { lastReadAt: new Date(item.accessedAt).toISOString() } : {};
  return {
    cls: item.cls,
    key: item.sk,
    createdAt: new Date(item.createdAt).toISOString(),
    updatedAt: new Date(item.updatedAt).toISOString(),
    ...accessed,
    data,
  };
}

/**
 * The warm tier (DynamoDB): every item on the member's `gsi1` partition. Erasure deletes them
 * all but the opt-out preference, which it keeps as the record of their objection.
 *
 * @example
 * const warm = warmSource(services); await warm.erase(guildId, userId); // { removed: 12, kept: 1 }
 */
export function warmSource(deps: Deps): SubjectDataSource {
  const { data } = deps;
  return {
    name: "warm",
    tier: "warm",
    async export(tenant, subject) {
      const { warm } = await findSubjectItems(data.deps, tenant, subject);
      return { items: await Promise.all(warm.map((item) => exported(deps, item))) };
    },
    async erase(tenant, subject) {
      const { warm } = await findSubjectItems(data.deps, tenant, subject);
      const now = data.deps.clock.now();
      const profiles = warm.flatMap((item) => {
        const after = item.cls === "user-profile" ? profileAfterErasure(item, now) : undefined;
        return after ? [after] : [];
      });
      for (const profile of profiles) await data.documents.put(profile);
      // Classes kept under a legitimate interest stay as they are; the shredded key closes their sealed fields.
      const records = warm.filter((item) => data.classes.find(item.cls)?.keptOnErasure);
      const keptKeys = new Set([...profiles, ...records].map((item) => item.sk));
      const deletes = warm.filter((item) => !keptKeys.has(item.sk)).map(({ pk, sk }) => ({ pk, sk }));
      await data.deps.store.batchWrite({ deletes });
      return { removed: deletes.length, ...(keptKeys.size > 0 ? { kept: keptKeys.size } : {}) };
    },
  };
}

/**
 * The cold tier (S3 batches, and Glacier behind them), found through the member's cold entries.
 * Erasure rewrites each batch without the member; an archived batch only loses its index
 * entries, and the key shredded at the end makes the archived copy unreadable.
 *
 * @example
 * await coldSource(services).export(guildId, userId); // { items: [...], notes: [] }
 */
export function coldSource(deps: Deps): SubjectDataSource {
  const { data } = deps;
  return {
    name: "cold",
    tier: "cold",
    async export(tenant, subject) {
      const { cold } = await findSubjectItems(data.deps, tenant, subject);
      const items: unknown[] = [];
      const notes: string[] = [];
      for (const { batch, sks } of cold) {
        try {
          const found = await readColdItems(data.deps, batch, sks);
          items.push(...(await Promise.all(found.map((item) => exported(deps, item)))));
        } catch (error) {
          if (!(error instanceof BlobArchivedError)) throw error;
          notes.push(
            `${plural(sks.length, "item")} in archived batch ${batch.batchId}: restore it to include them`,
          );
        }
      }
      return { items, ...(notes.length > 0 ? { notes } : {}) };
    },
    async erase(tenant, subject) {
      const result = await removeSubjectFromCold(data.deps, tenant, subject);
      const notes =
        result.archived > 0
          ? [
              `${result.archived} archived batch(es) keep sealed copies that the shredded key makes unreadable`,
            ]
          : [];
      return {
        removed: result.removed,
        ...(result.kept > 0 ? { kept: result.kept } : {}),
        ...(notes.length > 0 ? { notes } : {}),
      };
    },
  };
}
