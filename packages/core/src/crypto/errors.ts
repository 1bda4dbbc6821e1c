/**
 * A sealed value cannot be opened: it was tampered with, or it is opened under another
 * tenant, subject or purpose than it was sealed for. Never retry.
 *
 * @example
 * try { await envelope.open(sealed, ctx) } catch (e) { if (e instanceof DecryptionError) ... }
 */
export class DecryptionError extends Error {
  override name = "DecryptionError";
  constructor(message = "sealed value cannot be opened", options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The subject has no data key (it was shredded, or never made), so what was sealed for it is
 * gone for good. Callers treat the value as erased.
 *
 * @example
 * if (error instanceof KeyShreddedError) return "[erased]";
 */
export class KeyShreddedError extends Error {
  override name = "KeyShreddedError";
  constructor(
    readonly tenant: string,
    readonly subject: string,
  ) {
    super(`no data key for subject "${subject}" of tenant "${tenant}" (shredded or never made)`);
  }
}
