import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  InvalidCiphertextException,
  KMSClient,
  NotFoundException,
} from "@aws-sdk/client-kms";
import { type LocalKms, startLocalKms } from "@megawatts/local";
import { kmsKeyHealthCheck } from "@megawatts/storage/kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let kms: LocalKms;
let client: KMSClient;
const context = { tenant: "111111111111111111", subject: "222222222222222222" };

function kmsClient(endpoint: string) {
  return new KMSClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

beforeAll(async () => {
  kms = await startLocalKms();
  client = kmsClient(kms.endpoint);
});

afterAll(async () => {
  client?.destroy();
  await kms?.close();
});

describe("the local KMS, through the real KMS client", () => {
  it("unwraps a generated data key under the same encryption context", async () => {
    const made = await client.send(
      new GenerateDataKeyCommand({ KeyId: kms.keyArn, KeySpec: "AES_256", EncryptionContext: context }),
    );
    const back = await client.send(
      new DecryptCommand({ CiphertextBlob: made.CiphertextBlob, EncryptionContext: { ...context } }),
    );
    expect(made.Plaintext).toHaveLength(32);
    expect(Buffer.from(back.Plaintext ?? [])).toEqual(Buffer.from(made.Plaintext ?? []));
    expect(back.KeyId).toBe(kms.keyArn);
  });

  it("never returns the plaintext inside the wrapped key", async () => {
    const made = await client.send(new GenerateDataKeyCommand({ KeyId: kms.keyId, KeySpec: "AES_256" }));
    expect(Buffer.from(made.CiphertextBlob ?? []).includes(Buffer.from(made.Plaintext ?? []))).toBe(false);
  });

  it("round-trips Encrypt and Decrypt by alias", async () => {
    const sealed = await client.send(
      new EncryptCommand({
        KeyId: "alias/megawatts-local",
        Plaintext: Buffer.from("hello"),
        EncryptionContext: context,
      }),
    );
    const opened = await client.send(
      new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: context }),
    );
    expect(Buffer.from(opened.Plaintext ?? []).toString()).toBe("hello");
  });

  it("refuses another encryption context with InvalidCiphertextException", async () => {
    const made = await client.send(
      new GenerateDataKeyCommand({ KeyId: kms.keyArn, KeySpec: "AES_256", EncryptionContext: context }),
    );
    const attempt = client.send(
      new DecryptCommand({
        CiphertextBlob: made.CiphertextBlob,
        EncryptionContext: { ...context, subject: "333333333333333333" },
      }),
    );
    await expect(attempt).rejects.toBeInstanceOf(InvalidCiphertextException);
  });

  it("answers an unknown key id with NotFoundException", async () => {
    const attempt = client.send(new GenerateDataKeyCommand({ KeyId: "alias/nope", KeySpec: "AES_256" }));
    await expect(attempt).rejects.toBeInstanceOf(NotFoundException);
  });

  it("describes an enabled, customer-managed symmetric key", async () => {
    const { KeyMetadata: metadata } = await client.send(new DescribeKeyCommand({ KeyId: kms.keyArn }));
    expect(metadata).toMatchObject({
      KeyId: kms.keyId,
      Arn: kms.keyArn,
      Enabled: true,
      KeyState: "Enabled",
      KeyManager: "CUSTOMER",
      KeySpec: "SYMMETRIC_DEFAULT",
      KeyUsage: "ENCRYPT_DECRYPT",
    });
  });

  it("passes the data key health check", async () => {
    const check = kmsKeyHealthCheck(client, kms.keyArn);
    await expect(check.check(AbortSignal.timeout(10_000))).resolves.toEqual({
      detail: "customer-managed, enabled",
    });
  });
});

describe("the local KMS with a data dir", () => {
  it("keeps its master key across restarts in a file only its owner can read", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "megawatts-kms-"));
    try {
      const first = await startLocalKms({ dataDir });
      const firstClient = kmsClient(first.endpoint);
      const made = await firstClient.send(
        new GenerateDataKeyCommand({ KeyId: first.keyId, KeySpec: "AES_256", EncryptionContext: context }),
      );
      firstClient.destroy();
      await first.close();

      const second = await startLocalKms({ dataDir });
      const secondClient = kmsClient(second.endpoint);
      const back = await secondClient.send(
        new DecryptCommand({ CiphertextBlob: made.CiphertextBlob, EncryptionContext: context }),
      );
      secondClient.destroy();
      await second.close();

      expect(second.keyId).toBe(first.keyId);
      expect(Buffer.from(back.Plaintext ?? [])).toEqual(Buffer.from(made.Plaintext ?? []));
      expect((await stat(join(dataDir, "kms", "master-key.json"))).mode & 0o777).toBe(0o600);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
