import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { Envelope } from "../../crypto/envelope.ts";
import type { Sealed } from "../../crypto/sealed.ts";
import { GUILD_SUBJECT } from "../../data/keys.ts";

/**
 * The per-guild secret that keyword terms are hashed with. Terms are stored as keyed hashes
 * (HMAC-SHA-256), so an index read without the key says which documents share a term and how
 * often, but not which word it is, and no word can be tested against it.
 *
 * @example
 * const hash = termHasher(await termKeys.forGuild(guildId));
 */
export interface TermKeys {
  /** 32 bytes, the same every time for one guild. */
  forGuild(guildId: string): Promise<Uint8Array>;
}

/** Where a guild's sealed term key is kept (the keyword index's own storage). */
export interface SealedKeyStore {
  getKey(guildId: string): Promise<Sealed | undefined>;
  /** Stores `sealed` unless a key is stored already; resolves the stored one. */
  putKeyIfAbsent(guildId: string, sealed: Sealed): Promise<Sealed>;
}

const PURPOSE = "knowledge.term-key";

/**
 * Term keys made at random per guild on first use, sealed under the guild's data key with the
 * envelope and stored beside the index: shredding the guild's key makes the index unusable.
 *
 * @example
 * const termKeys = sealedTermKeys({ envelope, store: keywordLog });
 */
export function sealedTermKeys(deps: { envelope: Envelope; store: SealedKeyStore }): TermKeys {
  const cached = new Map<string, Promise<Uint8Array>>();
  const ctx = (tenant: string) => ({ tenant, subject: GUILD_SUBJECT, purpose: PURPOSE });
  const load = async (guildId: string) => {
    let sealed = await deps.store.getKey(guildId);
    if (!sealed) {
      const fresh = await deps.envelope.seal(randomBytes(32).toString("base64"), ctx(guildId));
      sealed = await deps.store.putKeyIfAbsent(guildId, fresh);
    }
    return new Uint8Array(Buffer.from(await deps.envelope.open(sealed, ctx(guildId)), "base64"));
  };
  return {
    forGuild(guildId) {
      let key = cached.get(guildId);
      if (!key) {
        key = load(guildId);
        cached.set(guildId, key);
        key.catch(() => cached.delete(guildId));
      }
      return key;
    },
  };
}

/**
 * Term keys derived from one configured secret (HKDF-SHA-256, the guild id as info): no
 * storage, for tests and the local CLI. Rotating the secret requires re-indexing.
 *
 * @example
 * const termKeys = derivedTermKeys(process.env.KNOWLEDGE_TERM_SECRET ?? "dev");
 */
export function derivedTermKeys(secret: string | Uint8Array): TermKeys {
  if (secret.length === 0) throw new RangeError("a term key secret must not be empty");
  return {
    async forGuild(guildId) {
      const key = hkdfSync("sha256", secret, "megawatts.terms.v1", guildId, 32);
      return new Uint8Array(key);
    },
  };
}

/**
 * Hashes terms under a guild's key: HMAC-SHA-256 cut to 72 bits, base64url (12 characters),
 * which keeps collisions out of reach for any one guild's vocabulary.
 *
 * @example
 * termHasher(key)("deploy") // "q3X9v0LrTj8e"
 */
export function termHasher(key: Uint8Array): (term: string) => string {
  const memo = new Map<string, string>();
  return (term) => {
    let hash = memo.get(term);
    if (hash === undefined) {
      hash = createHmac("sha256", key).update(term, "utf8").digest().subarray(0, 9).toString("base64url");
      if (memo.size < 50_000) memo.set(term, hash);
    }
    return hash;
  };
}
