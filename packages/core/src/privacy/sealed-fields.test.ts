import { FakeKeyService, InMemorySubjectKeyStore } from "@megawatts/testing/crypto-fakes";
import { describe, expect, it } from "vitest";
import { createEnvelope } from "../crypto/envelope.ts";
import { openField, sealField, sealPurpose } from "./sealed-fields.ts";

const ctx = {
  tenant: "81384788765712384",
  subject: "80351110224678912",
  cls: "remembered-message",
  field: "content",
};

function envelope() {
  return createEnvelope({ keys: new FakeKeyService(), store: new InMemorySubjectKeyStore() });
}

describe("sealed fields", () => {
  it("open to the text or JSON value they were sealed with", async () => {
    const box = envelope();
    const text = await sealField(box, ctx, "[not json");
    const list = await sealField(box, { ...ctx, field: "attachments" }, ["a.png", "b.txt"]);

    expect(await openField(box, ctx.cls, ctx.field, ctx.tenant, text)).toBe("[not json");
    expect(await openField(box, ctx.cls, "attachments", ctx.tenant, list)).toEqual(["a.png", "b.txt"]);
  });

  it("seal message content as plain text under the purpose the knowledge feature reads", async () => {
    const box = envelope();
    const sealed = await sealField(box, ctx, "hello");

    const opened = await box.open(sealed, {
      tenant: ctx.tenant,
      subject: ctx.subject,
      purpose: "message.content",
    });

    expect(opened).toBe("hello");
  });

  it("open as erased once the member's key is shredded", async () => {
    const box = envelope();
    const sealed = await sealField(box, ctx, "hello");
    await box.shred(ctx.tenant, ctx.subject);

    expect(await openField(box, ctx.cls, ctx.field, ctx.tenant, sealed)).toEqual({ erased: true });
  });

  it("do not open as another field of the same item", async () => {
    const box = envelope();
    const sealed = await sealField(box, ctx, "hello");

    expect(await openField(box, ctx.cls, "attachments", ctx.tenant, sealed)).toEqual({ unreadable: true });
  });

  it("leave a value that is not sealed as it is", async () => {
    expect(await openField(envelope(), ctx.cls, ctx.field, ctx.tenant, 42)).toBe(42);
  });

  it("are sealed for the purpose <class>.<field> unless known by another", () => {
    expect(sealPurpose("user-profile", "profile")).toBe("user-profile.profile");
    expect(sealPurpose("remembered-message", "content")).toBe("message.content");
  });
});
