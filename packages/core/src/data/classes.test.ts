import { describe, expect, it } from "vitest";
import { DATA_CLASSES, PRODUCT_CLASSES } from "./classes.ts";

const warm = DATA_CLASSES.filter((cls) => cls.tiers.includes("warm"));

describe("the data classes", () => {
  it("name the guild in every key layout of guild data", () => {
    // Job claims and the bot's own health history belong to no guild.
    const unnamed = DATA_CLASSES.filter((cls) => cls.partition !== "jobs" && cls.partition !== "system")
      .filter((cls) => !`${cls.keyDesign.pk} ${cls.keyDesign.sk}`.includes("<guild>"))
      .map((cls) => cls.id);

    expect(unnamed).toEqual([]);
  });

  it("index every personal warm class by member, so export and erasure never scan", () => {
    const personal = PRODUCT_CLASSES.filter((cls) => cls.personal && cls.tiers.includes("warm"));

    expect(personal.filter((cls) => !cls.keyDesign.gsi1?.startsWith("G#<guild>#U#<user>"))).toEqual([]);
  });

  it("give every warm class in the tenant partition a sort-key prefix no other class shares", () => {
    const prefixes = warm.filter((cls) => cls.partition === "tenant").map((cls) => cls.skPrefix ?? "");
    const clashes = prefixes.filter((a, i) => prefixes.some((b, j) => i !== j && b.startsWith(a)));

    expect(prefixes.every((prefix) => prefix.length > 0)).toBe(true);
    expect(clashes).toEqual([]);
  });

  it("seal what members wrote in every personal class", () => {
    const personal = PRODUCT_CLASSES.filter((cls) => cls.personal);

    expect(personal.filter((cls) => cls.sensitiveFields.length === 0)).toEqual([]);
  });

  it("keep no personal data in analytics, and nothing sensitive in the audit log", () => {
    const byId = new Map(DATA_CLASSES.map((cls) => [cls.id, cls]));

    expect(byId.get("analytics")).toMatchObject({ personal: false, sensitiveFields: [] });
    expect(byId.get("audit")).toMatchObject({ sensitiveFields: [], retentionDays: 365, tiers: ["warm"] });
  });

  it("keep idempotency records warm for a day and hot-only classes under a TTL", () => {
    const byId = new Map(DATA_CLASSES.map((cls) => [cls.id, cls]));
    const hotOnly = DATA_CLASSES.filter((cls) => cls.tiers.join() === "hot");

    expect(byId.get("idempotency")).toMatchObject({ tiers: ["warm"], retentionDays: 1 });
    expect(hotOnly.map((cls) => cls.id).sort()).toEqual(["cache", "conversation-context"]);
    expect(hotOnly.every((cls) => (cls.hotTtlSeconds ?? 0) > 0)).toBe(true);
  });

  it("move down to cold only classes that may be archived and are deleted in the end", () => {
    const moving = DATA_CLASSES.filter((cls) => cls.moveToCold);

    expect(moving.every((cls) => cls.tiers.includes("cold") && cls.tiers.includes("archive"))).toBe(true);
    expect(moving.every((cls) => (cls.retentionDays ?? 0) > (cls.moveToCold?.afterDays ?? 0))).toBe(true);
  });
});
