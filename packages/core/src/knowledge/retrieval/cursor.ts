import { createHash } from "node:crypto";
import { KnowledgeInputError } from "../deps.ts";

/** What a paging cursor holds: where the next page starts, and which search it belongs to. */
export interface CursorState {
  /** Offset of the next page's first result. */
  offset: number;
  /** Fingerprint of the search (query, mode, filters). */
  fingerprint: string;
  /** The saved search the cursor resumes, when one was saved in the hot tier. */
  savedId?: string;
}

/**
 * An opaque, URL-safe cursor (about 40 characters, so it fits a button's custom id).
 *
 * @example
 * encodeCursor({ offset: 10, fingerprint: "3f9a0c1d", savedId: "k2m4p6r8t0" }) // "eyJvIjoxMCwi…"
 */
export function encodeCursor(state: CursorState): string {
  const { offset: o, fingerprint: f, savedId: s } = state;
  return Buffer.from(JSON.stringify(s ? { o, f, s } : { o, f })).toString("base64url");
}

/** Reads a cursor made by `encodeCursor`; throws `KnowledgeInputError` for anything else. */
export function decodeCursor(cursor: string): CursorState {
  try {
    const raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    const { o, f, s } = raw;
    if (!Number.isInteger(o) || (o as number) < 0 || typeof f !== "string") throw new Error("bad shape");
    if (s !== undefined && (typeof s !== "string" || !/^[\w-]{1,32}$/.test(s))) throw new Error("bad id");
    return s ? { offset: o as number, fingerprint: f, savedId: s } : { offset: o as number, fingerprint: f };
  } catch {
    throw new KnowledgeInputError("That page link is not valid any more; run the search again.");
  }
}

/**
 * A short hash naming a search, so a cursor is never applied to another search.
 *
 * @example
 * searchFingerprint({ guildId, query: "deploy", mode: "hybrid", filters: {} }) // "3f9a0c1d"
 */
export function searchFingerprint(search: {
  guildId: string;
  query: string;
  mode: string;
  filters: object;
}): string {
  const canonical = JSON.stringify([
    search.guildId,
    search.query.trim().toLowerCase(),
    search.mode,
    sorted(search.filters),
  ]);
  return createHash("sha256").update(canonical).digest("base64url").slice(0, 8);
}

function sorted(value: object): unknown {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}
