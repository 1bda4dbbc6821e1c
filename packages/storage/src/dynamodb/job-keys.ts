import {
  type AttributeValue,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from "@aws-sdk/client-dynamodb";
import type { JobKeyRef, JobKeys } from "@megawatts/core";
import { jobKeyItem, jobKeyOf, jobKeyPartition } from "./job-key-item.ts";

/**
 * The keys of sealed job payloads in the key table (pk `J#<tenant>#<subject>`, sk the key id,
 * the key in `key`), which has no backups: deleting them is final. Reads are strongly
 * consistent, so a job sees an erasure at once.
 *
 * @example
 * const keys = new DynamoJobKeys(new DynamoDBClient({}), Resource.JobKeyWriter.name);
 */
export class DynamoJobKeys implements JobKeys {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async put(ref: JobKeyRef, value: Uint8Array): Promise<void> {
    await this.client.send(
      new PutItemCommand({ TableName: this.tableName, Item: { ...jobKeyItem(ref), key: { B: value } } }),
    );
  }

  async get(ref: JobKeyRef): Promise<Uint8Array | undefined> {
    const { Item: item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: jobKeyOf(ref), ConsistentRead: true }),
    );
    return item?.key?.B;
  }

  async delete(ref: JobKeyRef): Promise<void> {
    await this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: jobKeyOf(ref) }));
  }
}

/**
 * Deletes every job key of a member; resolves how many there were. Part of shredding the
 * member (see `DynamoSubjectKeyStore.delete`).
 */
export async function deleteJobKeysOf(
  client: DynamoDBClient,
  tableName: string,
  tenant: string,
  subject: string,
): Promise<number> {
  let deleted = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": { S: jobKeyPartition(tenant, subject) } },
        ProjectionExpression: "pk, sk",
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      if (!item.pk || !item.sk) continue;
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk } }));
      deleted += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return deleted;
}
