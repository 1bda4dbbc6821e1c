import { ConditionFailedError, TransactionConditionError, TransactionConflictError } from "@megawatts/core";
import { decorrelatedJitterGenerator, ExponentialBackoff, handleType, retry } from "cockatiel";

/**
 * Runs a read-then-conditional-write again when another writer got there first (a condition
 * failed or a transaction conflicted), with jittered backoff so 50 racing writers spread out.
 *
 * @example
 * await raced.execute(async () => { const item = await get(); await put(next(item), { ifUnchanged: item }); });
 */
export const raced = retry(
  handleType(ConditionFailedError).orType(TransactionConditionError).orType(TransactionConflictError),
  {
    maxAttempts: 200,
    backoff: new ExponentialBackoff({
      initialDelay: 2,
      maxDelay: 80,
      generator: decorrelatedJitterGenerator,
    }),
  },
);
