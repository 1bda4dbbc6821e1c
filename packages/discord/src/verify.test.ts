import { createSigner } from "@megawatts/testing";
import { verifyKey } from "discord-interactions";
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

  // discord-interactions' verifyKey, the package Discord's own examples use, is the oracle: on
  // every case the two must agree, so a bug in the cached-key check cannot hide behind our tests.
  it("agrees with discord-interactions' verifyKey on valid, tampered, foreign and malformed signatures", async () => {
    const other = createSigner();
    const good = signer.sign(body, "1700000000");
    const cases: { signature: string; timestamp: string; body: Buffer }[] = [
      { signature: good, timestamp: "1700000000", body },
      { signature: good, timestamp: "1700000001", body },
      { signature: good, timestamp: "1700000000", body: Buffer.from('{"type": 1}') },
      { signature: other.sign(body, "1700000000"), timestamp: "1700000000", body },
      { signature: `${good.slice(0, -1)}${good.endsWith("0") ? "1" : "0"}`, timestamp: "1700000000", body },
      // A byte short. Cut to an odd length instead, the two differ by design: verifyKey reads the
      // last lone hex digit as a whole byte, so it accepts the cut signature whenever the real
      // one ends in "00" (one key in 256); the ingress refuses any signature not 128 digits long
      // (the test above).
      { signature: good.slice(0, 126), timestamp: "1700000000", body },
      { signature: "", timestamp: "1700000000", body },
      { signature: good, timestamp: "", body },
    ];
    for (let n = 0; n < 20; n++) {
      const random = Buffer.from(JSON.stringify({ type: 2, id: String(1e17 + n), data: { name: `c${n}` } }));
      const timestamp = String(1700000000 + n);
      cases.push({ signature: signer.sign(random, timestamp), timestamp, body: random });
    }

    for (const { signature, timestamp, body: raw } of cases) {
      const oracle = await verifyKey(raw, signature, timestamp, signer.publicKey);
      expect({ signature, timestamp, verdict: verify(signature, timestamp, raw) }).toEqual({
        signature,
        timestamp,
        verdict: oracle,
      });
    }
    expect(cases.filter((entry) => verify(entry.signature, entry.timestamp, entry.body)).length).toBe(21);
  });

  it("refuses a signature cut to 127 digits that verifyKey accepts", async () => {
    // Sign numbered bodies until a signature ends in "00": about one in 256 does.
    let found: { signature: string; raw: Buffer } | undefined;
    for (let n = 0; !found && n < 10_000; n++) {
      const raw = Buffer.from(JSON.stringify({ type: 1, n }));
      const signature = signer.sign(raw, "1700000000");
      if (signature.endsWith("00")) found = { signature: signature.slice(0, 127), raw };
    }
    if (!found) throw new Error("no signature ending in 00 in 10,000 tries");

    expect(await verifyKey(found.raw, found.signature, "1700000000", signer.publicKey)).toBe(true);
    expect(verify(found.signature, "1700000000", found.raw)).toBe(false);
  });
});
