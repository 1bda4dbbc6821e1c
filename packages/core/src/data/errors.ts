import type { ItemKey } from "./ports.ts";

/**
 * A conditional write found the item absent, present, or changed. Re-read and decide again.
 *
 * @example
 * try { await store.put(item, { ifAbsent: true }) } catch (e) { if (e instanceof ConditionFailedError) ... }
 */
export class ConditionFailedError extends Error {
  override name = "ConditionFailedError";
  constructor(
    readonly key: ItemKey,
    options?: { cause?: unknown },
  ) {
    super(`condition failed for ${key.pk} / ${key.sk}`, options);
  }
}

/** A transaction was cancelled because the conditions of the operations at `failed` did not hold. */
export class TransactionConditionError extends Error {
  override name = "TransactionConditionError";
  constructor(
    readonly failed: readonly number[],
    options?: { cause?: unknown },
  ) {
    super(`transaction cancelled: condition failed for operation(s) ${failed.join(", ")}`, options);
  }
}

/** A transaction lost a race with another writer on the same items; trying again may succeed. */
export class TransactionConflictError extends Error {
  override name = "TransactionConflictError";
}

/** The service kept leaving part of a batch write unprocessed. Safe to retry: writes are idempotent. */
export class BatchWriteIncompleteError extends Error {
  override name = "BatchWriteIncompleteError";
  constructor(readonly unprocessed: number) {
    super(`${unprocessed} write(s) still unprocessed after retries`);
  }
}

/** The service kept leaving part of a batch read unprocessed. Safe to retry. */
export class BatchReadIncompleteError extends Error {
  override name = "BatchReadIncompleteError";
  constructor(readonly unprocessed: number) {
    super(`${unprocessed} read(s) still unprocessed after retries`);
  }
}

/** The object is in an archive storage class and must be restored before it can be read. */
export class BlobArchivedError extends Error {
  override name = "BlobArchivedError";
  constructor(
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`object ${key} is archived; restore it before reading`, options);
  }
}

/** An item names a data class that is not registered. */
export class UnknownDataClassError extends Error {
  override name = "UnknownDataClassError";
  constructor(readonly cls: string) {
    super(`unknown data class "${cls}"`);
  }
}

/** A write that breaks its data class's rules (tier, keys, version or unsealed sensitive field). */
export class DataClassViolationError extends Error {
  override name = "DataClassViolationError";
  constructor(
    readonly cls: string,
    message: string,
  ) {
    super(`${cls}: ${message}`);
  }
}

/** A cold batch is still being migrated; retry the operation after the migration finishes. */
export class ColdBatchBusyError extends Error {
  override name = "ColdBatchBusyError";
  constructor(readonly batchSk: string) {
    super(`cold batch ${batchSk} is being migrated; retry later`);
  }
}
