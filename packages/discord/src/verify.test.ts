import { createSigner } from "@megawatts/testing";
import { describe, expect, it } from "vitest";
import { createVerifier } from "./verify.ts";

describe("createVerifier", () => {
  const signer = createSigner();
  const verify = createVerifier(signer.publicKey);
  const body = Buffer.from('{"type":1}');

  it("accepts Discord's signature over timestamp and raw body", () => {
    expect(verify(signer.sign(body, "1700000000"), "1700000000", body)).toBe(true);
  });

  it("rejects a signature made for another body, timestamp or key", () => {
    const other = createSigner();
    expect(verify(signer.sign(body, "1700000000"), "1700000000", Buffer.from('{"type":2}'))).toBe(false);
    expect(verify(signer.sign(body, "1700000000"), "1700000001", body)).toBe(false);
    expect(verify(other.sign(body, "1700000000"), "1700000000", body)).toBe(false);
  });

  it("rejects signatures that are not exactly 128 hex characters without throwing", () => {
    const valid = signer.sign(body, "1700000000");
    for (const signature of [`${valid}0`, valid.slice(0, 127), valid.replace(/^./, "g"), "", "zz"]) {
      expect(verify(signature, "1700000000", body)).toBe(false);
    }
  });

  it("refuses to start with a public key that is not 64 hex characters", () => {
    expect(() => createVerifier("abc")).toThrow("DISCORD_PUBLIC_KEY must be 64 hex characters");
  });
});
