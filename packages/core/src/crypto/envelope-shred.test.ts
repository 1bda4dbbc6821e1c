import { FakeKeyService, InMemorySubjectKeyStore } from "@megawatts/testing/crypto-fakes";
import { describe, expect, it } from "vitest";
import { createEnvelope } from "./envelope.ts";
import { KeyShreddedError } from "./errors.ts";

const alice = { tenant: "111111111111111111", subject: "222222222222222222", purpose: "message.content" };
const bob = { ...alice, subject: "333333333333333333" };

function setup() {
  const keys = new FakeKeyService();
  const store = new InMemorySubjectKeyStore();
  return { keys, store, envelope: createEnvelope({ keys, store }) };
}

describe("Envelope.shred", () => {
  it("makes the subject's earlier values unreadable while other subjects still open", async () => {
    const { envelope } = setup();
    const aliceSealed = await envelope.seal("alice's secret", alice);
    const bobSealed = await envelope.seal("bob's secret", bob);

    expect(await envelope.shred(alice.tenant, alice.subject)).toBe(true);

    await expect(envelope.open(aliceSealed, alice)).rejects.toThrow(KeyShreddedError);
    expect(await envelope.open(bobSealed, bob)).toBe("bob's secret");
  });

  it("reaches values opened by a fresh container too", async () => {
    const { keys, store, envelope } = setup();
    const sealed = await envelope.seal("alice's secret", alice);
    await envelope.shred(alice.tenant, alice.subject);
    const other = createEnvelope({ keys, store });
    await expect(other.open(sealed, alice)).rejects.toThrow(KeyShreddedError);
  });

  it("removes the stored key", async () => {
    const { store, envelope } = setup();
    await envelope.seal("a", alice);
    await envelope.seal("b", bob);
    await envelope.shred(alice.tenant, alice.subject);
    expect(await store.listSubjects(alice.tenant)).toEqual([bob.subject]);
  });

  it("lets a returning subject start over with a new key", async () => {
    const { keys, store, envelope } = setup();
    await envelope.seal("before", alice);
    const before = await store.get(alice.tenant, alice.subject);
    await envelope.shred(alice.tenant, alice.subject);

    const sealed = await envelope.seal("after", alice);

    expect(await envelope.open(sealed, alice)).toBe("after");
    expect(keys.calls.generateDataKey).toBe(2);
    expect(Buffer.from((await store.get(alice.tenant, alice.subject)) ?? [])).not.toEqual(
      Buffer.from(before ?? []),
    );
  });

  it("reports whether there was a key to shred", async () => {
    const { envelope } = setup();
    expect(await envelope.shred(alice.tenant, alice.subject)).toBe(false);
  });

  it("treats a subject that never had a key as shredded when opening", async () => {
    const { envelope } = setup();
    const sealed = await setup().envelope.seal("elsewhere", alice);
    await expect(envelope.open(sealed, alice)).rejects.toThrow(KeyShreddedError);
  });
});

/** A key store whose next read waits until `release()`: a seal or open held mid-flight. */
class GatedKeyStore extends InMemorySubjectKeyStore {
  #gate: Promise<void> | undefined;
  #open: () => void = () => {};
  #entered: () => void = () => {};
  entered: Promise<void> = Promise.resolve();

  holdNextRead() {
    this.#gate = new Promise((resolve) => {
      this.#open = resolve;
    });
    this.entered = new Promise((resolve) => {
      this.#entered = resolve;
    });
  }

  release() {
    this.#open();
  }

  override async get(tenant: string, subject: string) {
    const gate = this.#gate;
    this.#gate = undefined;
    const read = super.get(tenant, subject);
    if (gate) {
      this.#entered();
      await gate;
    }
    return read;
  }
}

describe("Envelope.shred racing work in flight", () => {
  function gated() {
    const keys = new FakeKeyService();
    const store = new GatedKeyStore();
    return { keys, store, envelope: createEnvelope({ keys, store }) };
  }

  it("leaves a value sealed while the shred ran unreadable, here and in a fresh container", async () => {
    const { keys, store, envelope } = gated();
    await envelope.seal("before", alice);
    const cold = createEnvelope({ keys, store });
    store.holdNextRead();

    // The container's seal has read the key and is held; its own erasure runs meanwhile.
    const sealing = cold.seal("written during the erasure", alice);
    await store.entered;
    await cold.shred(alice.tenant, alice.subject);
    store.release();
    const sealed = await sealing;

    await expect(cold.open(sealed, alice)).rejects.toThrow(KeyShreddedError);
    await expect(createEnvelope({ keys, store }).open(sealed, alice)).rejects.toThrow(KeyShreddedError);
  });

  it("lets an open in flight finish or fail as shredded, and every later open fail", async () => {
    const { keys, store, envelope } = gated();
    const sealed = await envelope.seal("secret", alice);
    const cold = createEnvelope({ keys, store });
    store.holdNextRead();

    const opening = cold.open(sealed, alice).then(
      (text) => ({ text }),
      (error: unknown) => ({ error }),
    );
    await store.entered;
    await cold.shred(alice.tenant, alice.subject);
    store.release();
    const outcome = await opening;

    if ("text" in outcome) expect(outcome.text).toBe("secret");
    else expect(outcome.error).toBeInstanceOf(KeyShreddedError);
    await expect(cold.open(sealed, alice)).rejects.toThrow(KeyShreddedError);
    await expect(createEnvelope({ keys, store }).open(sealed, alice)).rejects.toThrow(KeyShreddedError);
  });
});
