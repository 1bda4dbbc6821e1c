import { type LocalKms, startLocalKms } from "@megawatts/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let kms: LocalKms;

beforeAll(async () => {
  kms = await startLocalKms();
});

afterAll(async () => {
  await kms?.close();
});

describe("the local KMS on the wire", () => {
  async function post(target: string, body: unknown) {
    const response = await fetch(kms.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      body: await response.json(),
    };
  }

  it("answers a bad ciphertext in KMS's error shape", async () => {
    const reply = await post("TrentService.Decrypt", {
      CiphertextBlob: Buffer.from("junk").toString("base64"),
    });
    expect(reply).toMatchObject({
      status: 400,
      type: "application/x-amz-json-1.1",
      body: { __type: "InvalidCiphertextException", message: expect.any(String) },
    });
  });

  it("answers a request for a missing key with NotFoundException", async () => {
    const reply = await post("TrentService.DescribeKey", { KeyId: "alias/missing" });
    expect(reply).toMatchObject({ status: 400, body: { __type: "NotFoundException" } });
  });

  it("answers a body that is not JSON with SerializationException", async () => {
    const response = await fetch(kms.endpoint, {
      method: "POST",
      headers: { "x-amz-target": "TrentService.DescribeKey" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: "SerializationException" });
  });

  it("answers an operation it does not serve with UnknownOperationException", async () => {
    const reply = await post("TrentService.ScheduleKeyDeletion", { KeyId: kms.keyId });
    expect(reply).toMatchObject({ status: 400, body: { __type: "UnknownOperationException" } });
  });
});
