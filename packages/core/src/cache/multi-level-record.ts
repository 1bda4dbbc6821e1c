/**
 * What the multi-level cache stores in L2: a header line `[expiresAt, ...tags]` (JSON, so it
 * holds no raw newline) and the value after it, so a container filling its L1 from L2 learns
 * the entry's tags and remaining lifetime.
 */
export interface LevelRecord {
  value: string;
  tags: readonly string[];
  /** Epoch ms; absent for a value another writer stored without a header. */
  expiresAt?: number;
}

export function encodeRecord(value: string, tags: readonly string[], expiresAt: number): string {
  return `${JSON.stringify([expiresAt, ...tags])}\n${value}`;
}

export function decodeRecord(raw: string): LevelRecord {
  const newline = raw.indexOf("\n");
  if (newline > 0 && raw.startsWith("[")) {
    try {
      const header: unknown = JSON.parse(raw.slice(0, newline));
      if (Array.isArray(header) && typeof header[0] === "number") {
        const [expiresAt, ...tags] = header as [number, ...unknown[]];
        if (tags.every((tag) => typeof tag === "string")) {
          return { value: raw.slice(newline + 1), tags: tags as string[], expiresAt };
        }
      }
    } catch {
      // Not a header: the whole string is the value.
    }
  }
  return { value: raw, tags: [] };
}
