import { FakeKeyService, InMemorySubjectKeyStore } from "@megawatts/testing/crypto-fakes";
import { ManualClock } from "@megawatts/testing/fakes";
import { describe, expect, it } from "vitest";
import { createEnvelope, type EnvelopeOptions } from "./envelope.ts";

const alice = { tenant: "111111111111111111", subject: "222222222222222222", purpose: "message.content" };
const bob = { ...alice, subject: "333333333333333333" };

function setup(options: Partial<EnvelopeOptions> = {}) {
  const keys = new FakeKeyService();
  const store = new InMemorySubjectKeyStore();
  return { keys, store, envelope: createEnvelope({ keys, store, ...options }) };
}

describe("the data-key cache", () => {
  it("calls KMS once per subject for many seals and opens", async () => {
    const { keys, envelope } = setup();
    for (let i = 0; i < 50; i++) {
      const ctx = i % 2 === 0 ? alice : bob;
      await envelope.open(await envelope.seal(`message ${i}`, ctx), ctx);
    }
    expect(keys.calls).toEqual({ generateDataKey: 2, decrypt: 0 });
    expect(envelope.stats()).toEqual({ kmsCalls: 2, cacheHits: 98 });
  });

  it("unwraps a key again once it reaches its use limit", async () => {
    const { keys, envelope } = setup({ cache: { maxUses: 3 } });
    for (let i = 0; i < 7; i++) await envelope.seal(`message ${i}`, alice);
    // uses 1-3 on the new key, 4-6 on the first unwrap, 7 on the second
    expect(keys.calls).toEqual({ generateDataKey: 1, decrypt: 2 });
  });

  it("unwraps a key again once it is older than its age limit", async () => {
    const clock = new ManualClock();
    const { keys, envelope } = setup({ clock, cache: { maxAgeMs: 60_000 } });
    await envelope.seal("first", alice);
    clock.advance(59_000);
    await envelope.seal("still cached", alice);
    expect(keys.calls.decrypt).toBe(0);

    clock.advance(2_000);
    await envelope.seal("expired", alice);

    expect(keys.calls.decrypt).toBe(1);
  });

  it("forgets the least recently used subject beyond its entry limit", async () => {
    const { keys, envelope } = setup({ cache: { maxEntries: 1 } });
    await envelope.seal("a", alice);
    await envelope.seal("b", bob);
    await envelope.seal("a again", alice);
    expect(keys.calls).toEqual({ generateDataKey: 2, decrypt: 1 });
  });

  it("calls KMS for every use when keys may be used once", async () => {
    const { keys, envelope } = setup({ cache: { maxUses: 1 } });
    for (let i = 0; i < 5; i++) await envelope.seal(`message ${i}`, alice);
    expect(keys.totalCalls).toBe(5);
    expect(envelope.stats()).toEqual({ kmsCalls: 5, cacheHits: 0 });
  });

  it("shares one KMS call between concurrent first seals in one container", async () => {
    const { keys, envelope } = setup();
    await Promise.all(Array.from({ length: 10 }, (_, i) => envelope.seal(`m${i}`, alice)));
    expect(keys.totalCalls).toBe(1);
  });

  it("converges on one key when two containers race on a subject's first seal", async () => {
    const keys = new FakeKeyService();
    const store = new InMemorySubjectKeyStore();
    const [one, two] = [createEnvelope({ keys, store }), createEnvelope({ keys, store })];

    const [a, b] = await Promise.all([one.seal("from one", alice), two.seal("from two", alice)]);

    expect(keys.calls.generateDataKey).toBe(2);
    expect(store.items.size).toBe(1);
    const third = createEnvelope({ keys, store });
    expect(await third.open(a, alice)).toBe("from one");
    expect(await third.open(b, alice)).toBe("from two");
  });
});
