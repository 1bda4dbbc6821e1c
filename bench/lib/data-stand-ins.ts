import {
  createLocalClients,
  type LocalClients,
  type Provisioned,
  provisionLocalResources,
  resourceNames,
  startStandIns,
} from "@megawatts/local";

export interface DataStandIns {
  clients: LocalClients;
  resources: Provisioned;
  close(): Promise<void>;
}

/**
 * DynamoDB Local and s3rver started the way the local runtime starts them, with the table
 * and bucket `stacks/storage.ts` deploys, for the data-layer sections.
 */
export async function startDataStandIns(label: string): Promise<DataStandIns> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const standIns = await startStandIns();
  const clients = createLocalClients(standIns.endpoints);
  try {
    const resources = await provisionLocalResources(clients, resourceNames(`bench-${label}-${process.pid}-`));
    return {
      clients,
      resources,
      close: async () => {
        clients.destroy();
        await standIns.close();
      },
    };
  } catch (error) {
    clients.destroy();
    await standIns.close();
    throw error;
  }
}

/** A sealed-looking value of about the size a sealed chat message has. */
export function sealedStub(i: number) {
  return {
    v: 1,
    alg: "A256GCM",
    tenant: "1",
    subject: "2",
    iv: "AAAAAAAAAAAAAAAA",
    tag: "A".repeat(24),
    ct: `${i}`.padEnd(160, "x"),
  };
}

type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> };

/** DynamoDB's wire format for a plain JSON value, for timing the raw SDK call without marshalling. */
export function toAttributeValue(value: unknown): AttributeValue {
  if (typeof value === "string") return { S: value };
  if (typeof value === "number") return { N: String(value) };
  if (typeof value === "boolean") return { BOOL: value };
  if (value === null) return { NULL: true };
  if (Array.isArray(value)) return { L: value.map(toAttributeValue) };
  const entries = Object.entries(value as object).filter(([, field]) => field !== undefined);
  return { M: Object.fromEntries(entries.map(([key, field]) => [key, toAttributeValue(field)])) };
}

/** An item's top-level attributes in DynamoDB's wire format. */
export function marshalItem(item: object): Record<string, AttributeValue> {
  return (toAttributeValue(item) as { M: Record<string, AttributeValue> }).M;
}
