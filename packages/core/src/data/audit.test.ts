import { describe, expect, it } from "vitest";
import { AuditEntrySchema } from "./audit.ts";

const entry = { actor: "user:80351110224678912", action: "data.exported", tenant: "1", count: 3 };

describe("audit entries", () => {
  it("accept ids, a dotted action, a class, a count and a reference", () => {
    const full = { ...entry, subject: "9", cls: "remembered-message", reference: "job_01ABC" };

    expect(AuditEntrySchema.parse(full)).toEqual(full);
  });

  it.each([
    ["free text as the reference", { reference: "user asked: delete everything I said" }],
    ["an actor that is neither a user nor a system job", { actor: "alice" }],
    ["an action that is not dotted lowercase", { action: "Exported data" }],
    ["a negative count", { count: -1 }],
  ])("refuse %s", (_, change) => {
    expect(AuditEntrySchema.safeParse({ ...entry, ...change }).success).toBe(false);
  });
});
