import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from "@aws-sdk/client-dynamodb";
import type { SubjectKeyStore } from "@megawatts/core";
import { deleteJobKeysOf } from "./job-keys.ts";

const key = (tenant: string, subject: string): Record<string, AttributeValue> => ({
  pk: { S: `K#${tenant}` },
  sk: { S: `S#${subject}` },
});

/**
 * Wrapped subject keys in the key table (pk `K#<tenant>`, sk `S#<subject>`, the key in
 * `wrapped`). That table has no point-in-time recovery: deleting an item here is final, which
 * is what crypto-shredding relies on. Reads are strongly consistent so a shred is seen at once.
 * Deleting a subject's key deletes the keys of their sealed jobs too (see `DynamoJobKeys`), so
 * their jobs still queued or dead-lettered can no longer be opened.
 *
 * @example
 * const store = new DynamoSubjectKeyStore(new DynamoDBClient({}), Resource.KeyTable.name);
 * const wrapped = await store.putIfAbsent(guildId, userId, fresh.wrapped);
 */
export class DynamoSubjectKeyStore implements SubjectKeyStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async get(tenant: string, subject: string): Promise<Uint8Array | undefined> {
    const { Item: item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: key(tenant, subject), ConsistentRead: true }),
    );
    return item?.wrapped?.B;
  }

  async putIfAbsent(tenant: string, subject: string, wrapped: Uint8Array): Promise<Uint8Array> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            ...key(tenant, subject),
            wrapped: { B: wrapped },
            createdAt: { S: new Date().toISOString() },
          },
          ConditionExpression: "attribute_not_exists(pk)",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return wrapped;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Another writer stored a key first: everyone uses that one.
      const winner = error.Item?.wrapped?.B ?? (await this.get(tenant, subject));
      if (!winner)
        throw new Error("subject key vanished between a failed put and its read-back", { cause: error });
      return winner;
    }
  }

  async delete(tenant: string, subject: string): Promise<boolean> {
    await deleteJobKeysOf(this.client, this.tableName, tenant, subject);
    const { Attributes: old } = await this.client.send(
      new DeleteItemCommand({
        TableName: this.tableName,
        Key: key(tenant, subject),
        ReturnValues: "ALL_OLD",
      }),
    );
    return old !== undefined;
  }

  async listSubjects(tenant: string): Promise<string[]> {
    const subjects: string[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": { S: `K#${tenant}` } },
          ProjectionExpression: "sk",
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) if (item.sk?.S) subjects.push(item.sk.S.slice(2));
      start = page.LastEvaluatedKey;
    } while (start);
    return subjects;
  }
}
