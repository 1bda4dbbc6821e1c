import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import {
  BatchReadIncompleteError,
  BatchWriteIncompleteError,
  type Clock,
  ConditionFailedError,
  type DeleteCondition,
  type DocumentItem,
  type DocumentStore,
  type ItemKey,
  type Page,
  type PutCondition,
  type QueryOptions,
  systemClock,
  TransactionConditionError,
  TransactionConflictError,
  type WriteOp,
} from "@megawatts/core";
import { type Expression, liveFilter, sortKeyCondition, writeCondition } from "./document-expressions.ts";

export interface DynamoDocumentStoreOptions {
  client: DynamoDBClient;
  /** The application table: `pk`/`sk`, index `gsi1` on `gsi1pk`/`gsi1sk`, TTL on `expiresAt`. */
  tableName: string;
  /** Decides what has expired; reads never return an item whose `expiresAt` has passed. */
  clock?: Clock;
}

const BATCH_CHUNK = 25;
/** BatchGetItem takes at most 100 keys. */
const BATCH_GET_CHUNK = 100;
const BATCH_ATTEMPTS = 8;
const TRANSACTION_LIMIT = 100;

const isNamed = (error: unknown, name: string) => (error as { name?: string } | null)?.name === name;
const keyOf = (item: ItemKey): ItemKey => ({ pk: item.pk, sk: item.sk });
const keyId = (key: ItemKey) => `${key.pk}\n${key.sk}`;
const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key), "utf8").toString("base64url") : undefined;
const decodeCursor = (cursor: string) => JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Spreads an expression into command input, leaving out empty name/value maps. */
function spread(expression: Expression | undefined, field: "ConditionExpression" | "FilterExpression") {
  if (!expression) return {};
  const names =
    Object.keys(expression.names).length > 0 ? { ExpressionAttributeNames: expression.names } : {};
  const values =
    Object.keys(expression.values).length > 0 ? { ExpressionAttributeValues: expression.values } : {};
  return { [field]: expression.text, ...names, ...values };
}

/**
 * The warm tier on DynamoDB through the document client: conditional writes, queries with
 * paging, the `gsi1` index, batch writes and transactions. Expired items are filtered out of
 * every read, because DynamoDB deletes them lazily (DynamoDB Local not at all).
 *
 * @example
 * const store = new DynamoDocumentStore({ client: new DynamoDBClient({}), tableName: Resource.Table.name });
 * await store.put(item, { ifAbsent: true });
 * const { items, cursor } = await store.query(tenantPk(guildId), { sk: { prefix: "MSG#" } });
 */
const isConflict = (reason: { Code?: string }) => reason.Code === "TransactionConflict";

export class DynamoDocumentStore implements DocumentStore {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #clock: Clock;

  constructor(options: DynamoDocumentStoreOptions) {
    this.#doc = DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    this.#table = options.tableName;
    this.#clock = options.clock ?? systemClock;
  }

  #nowSeconds() {
    return Math.floor(this.#clock.now() / 1000);
  }

  async get(key: ItemKey, options: { consistent?: boolean } = {}): Promise<DocumentItem | undefined> {
    const { Item: item } = await this.#doc.send(
      new GetCommand({
        TableName: this.#table,
        Key: keyOf(key),
        ConsistentRead: options.consistent ?? false,
      }),
    );
    if (!item) return undefined;
    const found = item as DocumentItem;
    return found.expiresAt !== undefined && found.expiresAt <= this.#nowSeconds() ? undefined : found;
  }

  async batchGet(
    keys: readonly ItemKey[],
    options: { consistent?: boolean } = {},
  ): Promise<Array<DocumentItem | undefined>> {
    const found = new Map<string, DocumentItem>();
    // BatchGetItem refuses a key named twice.
    const unique = [...new Map(keys.map((key) => [keyId(key), keyOf(key)])).values()];
    for (let start = 0; start < unique.length; start += BATCH_GET_CHUNK) {
      let pending = unique.slice(start, start + BATCH_GET_CHUNK);
      for (let attempt = 0; attempt < BATCH_ATTEMPTS && pending.length > 0; attempt++) {
        if (attempt > 0) await pause(Math.min(2_000, 25 * 2 ** attempt));
        const { Responses: responses, UnprocessedKeys: left } = await this.#doc.send(
          new BatchGetCommand({
            RequestItems: { [this.#table]: { Keys: pending, ConsistentRead: options.consistent ?? false } },
          }),
        );
        for (const item of responses?.[this.#table] ?? [])
          found.set(keyId(item as ItemKey), item as DocumentItem);
        pending = (left?.[this.#table]?.Keys ?? []) as typeof pending;
      }
      if (pending.length > 0) throw new BatchReadIncompleteError(pending.length);
    }
    const now = this.#nowSeconds();
    return keys.map((key) => {
      const item = found.get(keyId(key));
      return item && (item.expiresAt === undefined || item.expiresAt > now) ? item : undefined;
    });
  }

  async put(item: DocumentItem, condition?: PutCondition): Promise<void> {
    const expression = condition && writeCondition(condition, this.#nowSeconds());
    try {
      await this.#doc.send(
        new PutCommand({ TableName: this.#table, Item: item, ...spread(expression, "ConditionExpression") }),
      );
    } catch (error) {
      if (isNamed(error, "ConditionalCheckFailedException"))
        throw new ConditionFailedError(keyOf(item), { cause: error });
      throw error;
    }
  }

  async delete(key: ItemKey, condition?: DeleteCondition): Promise<void> {
    const expression = condition && writeCondition(condition, this.#nowSeconds());
    try {
      await this.#doc.send(
        new DeleteCommand({
          TableName: this.#table,
          Key: keyOf(key),
          ...spread(expression, "ConditionExpression"),
        }),
      );
    } catch (error) {
      if (isNamed(error, "ConditionalCheckFailedException"))
        throw new ConditionFailedError(keyOf(key), { cause: error });
      throw error;
    }
  }

  async touch(key: ItemKey, accessedAt: number): Promise<boolean> {
    const alive = writeCondition({ ifExists: true }, this.#nowSeconds());
    try {
      await this.#doc.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: keyOf(key),
          UpdateExpression: "SET accessedAt = :accessedAt",
          ConditionExpression: alive.text,
          ExpressionAttributeNames: alive.names,
          ExpressionAttributeValues: { ...alive.values, ":accessedAt": accessedAt },
        }),
      );
      return true;
    } catch (error) {
      if (isNamed(error, "ConditionalCheckFailedException")) return false;
      throw error;
    }
  }

  query(pk: string, options: QueryOptions = {}): Promise<Page<DocumentItem>> {
    return this.#query(undefined, ["pk", "sk"], pk, options);
  }

  queryGsi1(gsi1pk: string, options: Omit<QueryOptions, "consistent"> = {}): Promise<Page<DocumentItem>> {
    return this.#query("gsi1", ["gsi1pk", "gsi1sk"], gsi1pk, options);
  }

  async #query(
    index: string | undefined,
    [hash, range]: [string, string],
    value: string,
    options: QueryOptions,
  ): Promise<Page<DocumentItem>> {
    const key = sortKeyCondition(hash, range, value, options.sk);
    const filter = options.includeExpired ? undefined : liveFilter(this.#nowSeconds());
    const { Items: items = [], LastEvaluatedKey: last } = await this.#doc.send(
      new QueryCommand({
        TableName: this.#table,
        ...(index ? { IndexName: index } : { ConsistentRead: options.consistent ?? false }),
        KeyConditionExpression: key.text,
        ...(filter ? { FilterExpression: filter.text } : {}),
        ExpressionAttributeNames: { ...key.names, ...filter?.names },
        ExpressionAttributeValues: { ...key.values, ...filter?.values },
        ScanIndexForward: !options.reverse,
        ...(options.limit ? { Limit: options.limit } : {}),
        ...(options.cursor ? { ExclusiveStartKey: decodeCursor(options.cursor) } : {}),
      }),
    );
    const cursor = encodeCursor(last);
    return { items: items as DocumentItem[], ...(cursor ? { cursor } : {}) };
  }

  async batchWrite(ops: { puts?: readonly DocumentItem[]; deletes?: readonly ItemKey[] }): Promise<void> {
    const requests = [
      ...(ops.puts ?? []).map((item) => ({ PutRequest: { Item: { ...item } } })),
      ...(ops.deletes ?? []).map((key) => ({ DeleteRequest: { Key: { ...keyOf(key) } } })),
    ];
    for (let start = 0; start < requests.length; start += BATCH_CHUNK) {
      await this.#writeChunk(requests.slice(start, start + BATCH_CHUNK));
    }
  }

  async #writeChunk(chunk: NonNullable<BatchWriteCommand["input"]["RequestItems"]>[string]) {
    let pending = chunk;
    for (let attempt = 0; attempt < BATCH_ATTEMPTS && pending.length > 0; attempt++) {
      if (attempt > 0) await pause(Math.min(2_000, 25 * 2 ** attempt));
      const { UnprocessedItems: left } = await this.#doc.send(
        new BatchWriteCommand({ RequestItems: { [this.#table]: pending } }),
      );
      pending = left?.[this.#table] ?? [];
    }
    if (pending.length > 0) throw new BatchWriteIncompleteError(pending.length);
  }

  async transact(ops: readonly WriteOp[]): Promise<void> {
    if (ops.length > TRANSACTION_LIMIT)
      throw new RangeError(`a transaction takes at most ${TRANSACTION_LIMIT} operations`);
    const now = this.#nowSeconds();
    const items = ops.map((op) => {
      const condition = op.condition && spread(writeCondition(op.condition, now), "ConditionExpression");
      return "put" in op
        ? { Put: { TableName: this.#table, Item: op.put, ...condition } }
        : { Delete: { TableName: this.#table, Key: keyOf(op.delete), ...condition } };
    });
    try {
      await this.#doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      const failed = reasons.flatMap((reason, index) =>
        reason.Code === "ConditionalCheckFailed" ? [index] : [],
      );
      if (isNamed(error, "TransactionCanceledException") && failed.length > 0) {
        throw new TransactionConditionError(failed, { cause: error });
      }
      if (isNamed(error, "TransactionCanceledException") && reasons.some(isConflict))
        throw new TransactionConflictError("another transaction wrote the same items", { cause: error });
      throw error;
    }
  }
}
