import { appendFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Sealed } from "../../crypto/sealed.ts";
import { assertNamespace } from "../vector-rules.ts";
import type { KeywordLogEntry, KeywordLogStore, KeywordSnapshot } from "./ports.ts";

/**
 * The keyword log in files, one directory per guild: `key.json`, `snapshot.json` and
 * `log.jsonl` (one entry per line; a torn last line is ignored). For one process on one
 * machine (the local CLI); Lambda uses the warm-tier store, since its disk dies with it.
 *
 * @example
 * const store = createFileKeywordStore(join(dataDir, "knowledge", "keywords"));
 */
export function createFileKeywordStore(dir: string): KeywordLogStore {
  const path = async (guildId: string, file: string) => {
    assertNamespace(guildId);
    await mkdir(join(dir, guildId), { recursive: true });
    return join(dir, guildId, file);
  };
  const readJson = async <T>(file: string): Promise<T | undefined> => {
    try {
      return JSON.parse(await readFile(file, "utf8")) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  };
  const replace = async (file: string, text: string) => {
    await writeFile(`${file}.tmp`, text, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  };
  const entries = async (guildId: string): Promise<KeywordLogEntry[]> => {
    let text = "";
    try {
      text = await readFile(await path(guildId, "log.jsonl"), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    return text.split("\n").flatMap((line) => {
      try {
        return line ? [JSON.parse(line) as KeywordLogEntry] : [];
      } catch {
        return []; // a write torn by a crash
      }
    });
  };
  return {
    getKey: async (guildId) => readJson<Sealed>(await path(guildId, "key.json")),
    async putKeyIfAbsent(guildId, sealed) {
      const file = await path(guildId, "key.json");
      const stored = await readJson<Sealed>(file);
      if (stored) return stored;
      await replace(file, JSON.stringify(sealed));
      return sealed;
    },
    async append(guildId, entry) {
      await appendFile(await path(guildId, "log.jsonl"), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    },
    async read(guildId, after) {
      const snapshot = await readJson<KeywordSnapshot>(await path(guildId, "snapshot.json"));
      const tail = (await entries(guildId))
        .filter((entry) => after === undefined || entry.seq > after)
        .sort((a, b) => (a.seq < b.seq ? -1 : 1));
      const fresh = snapshot && (after === undefined || snapshot.seq > after);
      return fresh ? { snapshot, entries: tail } : { entries: tail };
    },
    async compact(guildId, snapshot, covered, previousSeq) {
      const file = await path(guildId, "snapshot.json");
      if ((await readJson<KeywordSnapshot>(file))?.seq !== previousSeq) return false;
      await replace(file, JSON.stringify(snapshot));
      const drop = new Set(covered);
      const kept = (await entries(guildId)).filter((entry) => !drop.has(entry.seq));
      await replace(
        await path(guildId, "log.jsonl"),
        kept.map((entry) => `${JSON.stringify(entry)}\n`).join(""),
      );
      return true;
    },
  };
}
