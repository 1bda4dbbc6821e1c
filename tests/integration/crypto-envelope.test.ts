import { type AttributeValue, DeleteTableCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { KMSClient } from "@aws-sdk/client-kms";
import {
  createEnvelope,
  type EncryptionContext,
  type Envelope,
  KeyShreddedError,
  type Sealed,
} from "@megawatts/core";
import { createKeyTable, type LocalKms, startLocalKms } from "@megawatts/local";
import { DynamoSubjectKeyStore } from "@megawatts/storage/dynamodb";
import { KmsKeyService } from "@megawatts/storage/kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standInClients, uniquePrefix } from "./helpers.ts";

const CANARY = "canary-5d1e0b7a-must-never-be-stored";
const guild = "111111111111111111";
const alice = { tenant: guild, subject: "222222222222222222", purpose: "message.content" };
const bob = { ...alice, subject: "333333333333333333" };

let kms: LocalKms;
let kmsClient: KMSClient;
let clients: ReturnType<typeof standInClients>;
let tableName: string;
/** Every plaintext data key KMS handed out, copied before the envelope wipes its own copy. */
const issuedKeys: Buffer[] = [];

function newEnvelope(): Envelope {
  const service = new KmsKeyService(kmsClient, kms.keyArn);
  const keys = {
    async generateDataKey(context: EncryptionContext) {
      const key = await service.generateDataKey(context);
      issuedKeys.push(Buffer.from(key.plaintext));
      return key;
    },
    decrypt: (wrapped: Uint8Array, context: EncryptionContext) => service.decrypt(wrapped, context),
  };
  return createEnvelope({ keys, store: new DynamoSubjectKeyStore(clients.dynamodb, tableName) });
}

async function rawKeyItems(): Promise<Record<string, AttributeValue>[]> {
  const { Items: items = [] } = await clients.dynamodb.send(new ScanCommand({ TableName: tableName }));
  return items;
}

/** Every byte of an item: string attributes as UTF-8, binary attributes as they are. */
function itemBytes(item: Record<string, AttributeValue>): Buffer {
  return Buffer.concat(
    Object.entries(item).flatMap(([name, value]) => [
      Buffer.from(name),
      value.B ? Buffer.from(value.B) : Buffer.from(JSON.stringify(value)),
    ]),
  );
}

beforeAll(async () => {
  kms = await startLocalKms();
  kmsClient = new KMSClient({
    endpoint: kms.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  clients = standInClients();
  tableName = `${uniquePrefix("envelope")}KeyTable`;
  await createKeyTable(clients.dynamodb, tableName);
});

afterAll(async () => {
  await clients?.dynamodb.send(new DeleteTableCommand({ TableName: tableName }));
  clients?.destroy();
  kmsClient?.destroy();
  await kms?.close();
});

describe("envelope encryption over the local KMS and DynamoDB Local", () => {
  let sealed: { alice: Sealed; bob: Sealed };

  beforeAll(async () => {
    const envelope = newEnvelope();
    sealed = { alice: await envelope.seal(CANARY, alice), bob: await envelope.seal(CANARY, bob) };
  });

  it("opens each user's value from a fresh container", async () => {
    const envelope = newEnvelope();
    expect(await envelope.open(sealed.alice, alice)).toBe(CANARY);
    expect(await envelope.open(sealed.bob, bob)).toBe(CANARY);
    expect(envelope.stats().kmsCalls).toBe(2);
  });

  it("stores neither the canary nor any plaintext key in the key table", async () => {
    const items = await rawKeyItems();
    expect(items).toHaveLength(2);
    expect(issuedKeys).toHaveLength(2);
    for (const bytes of items.map(itemBytes)) {
      expect(bytes.includes(CANARY)).toBe(false);
      for (const key of issuedKeys) {
        expect(bytes.includes(key)).toBe(false);
        expect(bytes.includes(key.toString("base64"))).toBe(false);
        expect(bytes.includes(key.toString("hex"))).toBe(false);
      }
    }
  });

  it("keeps the canary out of the sealed values", () => {
    expect(JSON.stringify(sealed)).not.toContain(CANARY);
  });

  it("after shredding one user, opens only the other user's values", async () => {
    const shredder = newEnvelope();
    expect(await shredder.shred(alice.tenant, alice.subject)).toBe(true);

    const later = newEnvelope();
    await expect(later.open(sealed.alice, alice)).rejects.toThrow(KeyShreddedError);
    await expect(shredder.open(sealed.alice, alice)).rejects.toThrow(KeyShreddedError);
    expect(await later.open(sealed.bob, bob)).toBe(CANARY);
    expect((await rawKeyItems()).map((item) => item.sk?.S)).toEqual([`S#${bob.subject}`]);
  });
});
