import { createSecretKey, type KeyObject } from "node:crypto";
import { type Clock, systemClock } from "../ports/observability.ts";
import { KeyShreddedError } from "./errors.ts";
import { DEFAULT_KEY_CACHE, KeyCache, type KeyCacheOptions } from "./key-cache.ts";
import type { EncryptionContext, KeyService, SubjectKeyStore } from "./ports.ts";
import { openWithKey, parseSealed, type SealContext, type Sealed, sealWithKey } from "./sealed.ts";

export interface EnvelopeOptions {
  keys: KeyService;
  store: SubjectKeyStore;
  /** Bounds of the in-memory data-key cache; missing fields take {@link DEFAULT_KEY_CACHE}. */
  cache?: Partial<KeyCacheOptions>;
  clock?: Clock;
}

/** Seals and opens sensitive fields under per-subject data keys; see {@link createEnvelope}. */
export interface Envelope {
  /** Encrypts `plaintext` for `ctx`, making the subject's key on first use. */
  seal(plaintext: string, ctx: SealContext): Promise<Sealed>;
  /**
   * Decrypts a sealed value. Throws `DecryptionError` when it was tampered with or `ctx` differs
   * from the one it was sealed with, and `KeyShreddedError` when the subject's key is gone.
   */
  open(sealed: Sealed, ctx: SealContext): Promise<string>;
  /**
   * Deletes the subject's key and drops it from this container's cache; resolves whether a key
   * existed. Other containers keep a cached copy for at most `maxAgeMs`, after which nothing
   * sealed for the subject opens anywhere, backups and archives included.
   */
  shred(tenant: string, subject: string): Promise<boolean>;
  /** KMS calls made and cache hits served by this envelope so far. */
  stats(): { kmsCalls: number; cacheHits: number };
}

type Mode = "seal" | "open";

/**
 * Envelope encryption with per-subject data keys: a key is made by KMS on a subject's first
 * seal (bound to `{ tenant, subject }`), stored wrapped, and kept unwrapped in memory within
 * the cache bounds. Two writers racing on a first seal converge on the key stored first.
 *
 * @example
 * const envelope = createEnvelope({ keys: new KmsKeyService(kms, keyArn), store });
 * const sealed = await envelope.seal("hi", { tenant: guildId, subject: userId, purpose: "message.content" });
 * await envelope.open(sealed, { tenant: guildId, subject: userId, purpose: "message.content" }); // "hi"
 */
export function createEnvelope(options: EnvelopeOptions): Envelope {
  const { store } = options;
  const cache = new KeyCache({ ...DEFAULT_KEY_CACHE, ...options.cache }, options.clock ?? systemClock);
  const inFlight = new Map<string, Promise<KeyObject | undefined>>();
  const counts = { kmsCalls: 0, cacheHits: 0 };

  const unwrap = async (wrapped: Uint8Array, context: EncryptionContext) => {
    counts.kmsCalls++;
    return toKeyObject(await options.keys.decrypt(wrapped, context));
  };

  const load = async (context: EncryptionContext, mode: Mode): Promise<KeyObject | undefined> => {
    const { tenant, subject } = context;
    const stored = await store.get(tenant, subject);
    if (stored) return unwrap(stored, context);
    if (mode === "open") return undefined;
    counts.kmsCalls++;
    const fresh = await options.keys.generateDataKey(context);
    const winner = await store.putIfAbsent(tenant, subject, fresh.wrapped);
    if (Buffer.from(winner).equals(Buffer.from(fresh.wrapped))) return toKeyObject(fresh.plaintext);
    fresh.plaintext.fill(0);
    return unwrap(winner, context);
  };

  const keyFor = async (ctx: SealContext, mode: Mode): Promise<KeyObject | undefined> => {
    const { tenant, subject } = checkContext(ctx);
    const cached = cache.take(tenant, subject);
    if (cached) {
      counts.cacheHits++;
      return cached;
    }
    // Concurrent misses for one subject share one fetch (and so one KMS call).
    const id = JSON.stringify([mode, tenant, subject]);
    let pending = inFlight.get(id);
    if (!pending) {
      pending = load({ tenant, subject }, mode).then((key) => {
        if (key && inFlight.get(id) === pending) cache.set(tenant, subject, key);
        return key;
      });
      pending.finally(() => inFlight.get(id) === pending && inFlight.delete(id)).catch(() => {});
      inFlight.set(id, pending);
    }
    return pending;
  };

  return {
    async seal(plaintext, ctx) {
      const key = await keyFor(ctx, "seal");
      if (!key) throw new KeyShreddedError(ctx.tenant, ctx.subject);
      return sealWithKey(key, plaintext, ctx);
    },
    async open(sealed, ctx) {
      const checked = parseSealed(sealed, checkContext(ctx));
      const key = await keyFor(ctx, "open");
      if (!key) throw new KeyShreddedError(ctx.tenant, ctx.subject);
      return openWithKey(key, checked, ctx);
    },
    async shred(tenant, subject) {
      const forget = () => {
        cache.evict(tenant, subject);
        for (const mode of ["seal", "open"]) inFlight.delete(JSON.stringify([mode, tenant, subject]));
      };
      forget();
      const existed = await store.delete(tenant, subject);
      forget();
      return existed;
    },
    stats: () => ({ ...counts }),
  };
}

function toKeyObject(plaintext: Uint8Array): KeyObject {
  if (plaintext.length !== 32) throw new Error(`data key must be 32 bytes, got ${plaintext.length}`);
  const key = createSecretKey(Buffer.from(plaintext));
  plaintext.fill(0);
  return key;
}

function checkContext<T extends SealContext>(ctx: T): T {
  for (const field of ["tenant", "subject", "purpose"] as const) {
    if (typeof ctx[field] !== "string" || ctx[field] === "") {
      throw new TypeError(`seal context needs a non-empty ${field}`);
    }
  }
  return ctx;
}
