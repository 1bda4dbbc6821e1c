import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
} from "@aws-lambda-powertools/idempotency";
import { BasePersistenceLayer, IdempotencyRecord } from "@aws-lambda-powertools/idempotency/persistence";

/**
 * Powertools' idempotency persistence in memory, with DynamoDB's conditional-put rules: a
 * claim exists until it expires, and an in-progress claim also until its in-progress expiry.
 * `failing` makes every call throw, as a table outage would; `failingClaims` only new claims.
 *
 * @example
 * const store = new MemoryIdempotencyStore();
 * createJobsHandler({ persistenceStore: store, ... });
 */
export class MemoryIdempotencyStore extends BasePersistenceLayer {
  readonly records = new Map<string, IdempotencyRecord>();
  failing: Error | undefined;
  failingClaims: Error | undefined;

  #check() {
    if (this.failing) throw this.failing;
  }

  protected async _getRecord(key: string): Promise<IdempotencyRecord> {
    this.#check();
    const record = this.records.get(key);
    if (!record) throw new IdempotencyItemNotFoundError(`no record for ${key}`);
    return record;
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    this.#check();
    if (this.failingClaims) throw this.failingClaims;
    const existing = this.records.get(record.idempotencyKey);
    const now = Date.now();
    const live =
      existing &&
      (existing.expiryTimestamp ?? Number.POSITIVE_INFINITY) * 1000 > now &&
      (existing.getStatus() !== "INPROGRESS" || (existing.inProgressExpiryTimestamp ?? Infinity) > now);
    if (live) throw new IdempotencyItemAlreadyExistsError(`claimed: ${record.idempotencyKey}`, existing);
    this.records.set(record.idempotencyKey, record);
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    this.#check();
    this.records.set(record.idempotencyKey, record);
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    this.#check();
    this.records.delete(record.idempotencyKey);
  }
}

export { IdempotencyRecord };
