import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { HealthCheck } from "@megawatts/core";

/**
 * Probes a table with `DescribeTable`; the detail is its status and approximate item count
 * (DynamoDB refreshes the count about every six hours).
 *
 * @example
 * const check = dynamoTableHealthCheck(new DynamoDBClient({}), Resource.Table.name);
 * await check.check(AbortSignal.timeout(2000)); // { detail: "ACTIVE, ~42 items" }
 */
export function dynamoTableHealthCheck(client: DynamoDBClient, tableName: string): HealthCheck {
  return {
    name: "table",
    kind: "table",
    async check(signal) {
      const { Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName }), {
        abortSignal: signal,
      });
      return { detail: `${table?.TableStatus ?? "UNKNOWN"}, ~${table?.ItemCount ?? 0} items` };
    },
  };
}
