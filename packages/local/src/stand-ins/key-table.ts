import { CreateTableCommand, type DynamoDBClient, ResourceInUseException } from "@aws-sdk/client-dynamodb";

/**
 * Creates the key table as `stacks/storage.ts` declares it (pk/sk strings, no index, no TTL),
 * tolerating one kept from an earlier run. Wrapped subject keys live there, apart from the
 * application table, because that table is backed up and this one must not be.
 *
 * @example
 * await createKeyTable(clients.dynamodb, "megawatts-local-KeyTable");
 */
export async function createKeyTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const string = (AttributeName: string) => ({ AttributeName, AttributeType: "S" as const });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [string("pk"), string("sk")],
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
      }),
    );
  } catch (error) {
    if (error instanceof ResourceInUseException) return;
    throw error;
  }
}
