import { FakeKeyService, InMemorySubjectKeyStore } from "@megawatts/testing/crypto-fakes";
import { describe, expect, it } from "vitest";
import { createEnvelope, type EnvelopeOptions } from "./envelope.ts";
import { DecryptionError, KeyShreddedError } from "./errors.ts";

const CANARY = "canary-7f3a9c1e-do-not-leak";
const alice = { tenant: "111111111111111111", subject: "222222222222222222", purpose: "message.content" };
const bob = { ...alice, subject: "333333333333333333" };

function setup(overrides: Partial<EnvelopeOptions> = {}) {
  const keys = new FakeKeyService();
  const store = new InMemorySubjectKeyStore();
  const envelope = createEnvelope({ keys, store, ...overrides });
  return { keys, store, envelope };
}

describe("createEnvelope", () => {
  it("opens what it sealed", async () => {
    const { envelope } = setup();
    const sealed = await envelope.seal("hello, world", alice);
    expect(await envelope.open(sealed, alice)).toBe("hello, world");
  });

  it("never shows the plaintext in the sealed JSON", async () => {
    const { envelope } = setup();
    const sealed = await envelope.seal(CANARY, alice);
    const json = JSON.stringify(sealed);
    expect(json).not.toContain(CANARY);
    expect(json).not.toContain(Buffer.from(CANARY).toString("base64").slice(0, 16));
    expect(Object.keys(sealed).sort()).toEqual(["alg", "ct", "iv", "subject", "tag", "tenant", "v"]);
  });

  it("makes a sealed value that survives a JSON round trip", async () => {
    const { envelope } = setup();
    const sealed = JSON.parse(JSON.stringify(await envelope.seal("über ✓", alice)));
    expect(await envelope.open(sealed, alice)).toBe("über ✓");
  });

  it("detects a tampered ciphertext", async () => {
    const { envelope } = setup();
    const sealed = await envelope.seal(CANARY, alice);
    const ct = Buffer.from(sealed.ct, "base64");
    ct[0] = (ct[0] ?? 0) ^ 1;
    await expect(envelope.open({ ...sealed, ct: ct.toString("base64") }, alice)).rejects.toThrow(
      DecryptionError,
    );
  });

  it("detects a tampered tag", async () => {
    const { envelope } = setup();
    const sealed = await envelope.seal(CANARY, alice);
    const tag = Buffer.alloc(16).toString("base64");
    await expect(envelope.open({ ...sealed, tag }, alice)).rejects.toThrow(DecryptionError);
  });

  it.each([
    ["tenant", { ...alice, tenant: "999999999999999999" }],
    ["subject", bob],
    ["purpose", { ...alice, purpose: "user.profile" }],
  ])("refuses to open a value under another %s", async (_, other) => {
    const { envelope } = setup();
    await envelope.seal("bob's own value", bob);
    const sealed = await envelope.seal(CANARY, alice);
    await expect(envelope.open(sealed, other)).rejects.toThrow(DecryptionError);
  });

  it("refuses a value relabelled with another subject", async () => {
    const { envelope } = setup();
    await envelope.seal("bob's own value", bob);
    const sealed = await envelope.seal(CANARY, alice);
    await expect(envelope.open({ ...sealed, subject: bob.subject }, bob)).rejects.toThrow(DecryptionError);
  });

  it("names its errors", async () => {
    const { envelope } = setup();
    const error = await envelope
      .open({ ...(await envelope.seal("x", alice)), tag: "" }, alice)
      .catch((e) => e);
    expect(error.name).toBe("DecryptionError");
    expect(new KeyShreddedError("t", "s").name).toBe("KeyShreddedError");
  });
});
