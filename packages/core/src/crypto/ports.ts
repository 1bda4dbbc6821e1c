/**
 * Who a data key belongs to. KMS binds it to the wrapped key, so a key unwrapped under another
 * tenant or subject fails. Values are plain strings: KMS encryption contexts allow nothing else.
 */
export interface EncryptionContext {
  /** The guild id: every guild is a tenant. */
  tenant: string;
  /** A user id, or `"guild"` for guild-level data. */
  subject: string;
}

/** A fresh data key: use `plaintext` in memory only, store `wrapped`. */
export interface DataKey {
  plaintext: Uint8Array;
  wrapped: Uint8Array;
}

/**
 * Makes and unwraps data keys under a master key that never leaves the service (KMS in
 * production, a local stand-in on a laptop).
 *
 * @example
 * const { plaintext, wrapped } = await keys.generateDataKey({ tenant: guildId, subject: userId });
 * const same = await keys.decrypt(wrapped, { tenant: guildId, subject: userId });
 */
export interface KeyService {
  /** A new 256-bit data key and its wrapped form, bound to `context`. */
  generateDataKey(context: EncryptionContext): Promise<DataKey>;
  /** Unwraps a data key; rejects when `context` is not the one it was made with. */
  decrypt(wrapped: Uint8Array, context: EncryptionContext): Promise<Uint8Array>;
}

/**
 * Where wrapped subject keys live. Deleting a subject's key is what makes its data unreadable
 * everywhere (crypto-shredding), so this store must not be backed up.
 *
 * @example
 * const wrapped = await store.putIfAbsent(guildId, userId, fresh.wrapped); // the winner's key
 */
export interface SubjectKeyStore {
  /** The wrapped key of a subject, or `undefined` when it has none (never made, or shredded). */
  get(tenant: string, subject: string): Promise<Uint8Array | undefined>;
  /** Stores `wrapped` unless the subject already has a key; returns the key that is stored. */
  putIfAbsent(tenant: string, subject: string, wrapped: Uint8Array): Promise<Uint8Array>;
  /** Removes the subject's key; resolves whether there was one. */
  delete(tenant: string, subject: string): Promise<boolean>;
  /** Every subject of a tenant that has a key. */
  listSubjects(tenant: string): Promise<string[]>;
}
