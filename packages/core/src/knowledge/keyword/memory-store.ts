import type { Sealed } from "../../crypto/sealed.ts";
import type { KeywordLogEntry, KeywordLogStore, KeywordSnapshot } from "./ports.ts";

interface GuildLog {
  key?: Sealed;
  snapshot?: KeywordSnapshot;
  entries: Map<string, KeywordLogEntry>;
}

/**
 * A keyword log store in this process's memory (tests, benchmarks, one-shot tools). Values
 * are copied in and out, as a real store would.
 *
 * @example
 * const keywords = createKeywordIndex({ store: createMemoryKeywordStore(), termKeys });
 */
export function createMemoryKeywordStore(): KeywordLogStore & { entryCount(guildId: string): number } {
  const guilds = new Map<string, GuildLog>();
  const guild = (id: string) => {
    const log: GuildLog = guilds.get(id) ?? { entries: new Map() };
    guilds.set(id, log);
    return log;
  };
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    async getKey(guildId) {
      return copy(guild(guildId).key);
    },
    async putKeyIfAbsent(guildId, sealed) {
      const log = guild(guildId);
      log.key ??= copy(sealed);
      return copy(log.key);
    },
    async append(guildId, entry) {
      guild(guildId).entries.set(entry.seq, copy(entry));
    },
    async read(guildId, after, known) {
      const log = guild(guildId);
      const held = (seq: string) => after !== undefined && known?.entries.has(seq);
      const entries = [...log.entries.values()]
        .filter((entry) => (after === undefined || entry.seq > after) && !held(entry.seq))
        .sort((a, b) => (a.seq < b.seq ? -1 : 1));
      const { snapshot } = log;
      const fresh =
        snapshot && (after === undefined || (snapshot.seq > after && snapshot.seq !== known?.snapshot));
      return copy(fresh ? { snapshot, entries } : { entries });
    },
    async compact(guildId, snapshot, covered, previousSeq) {
      const log = guild(guildId);
      if (log.snapshot?.seq !== previousSeq) return false;
      log.snapshot = copy(snapshot);
      for (const seq of covered) log.entries.delete(seq);
      return true;
    },
    entryCount: (guildId) => guild(guildId).entries.size,
  };
}
