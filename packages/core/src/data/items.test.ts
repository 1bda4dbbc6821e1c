import { describe, expect, it } from "vitest";
import { DATA_CLASSES } from "./classes.ts";
import { createDataClassRegistry, DAY_MS } from "./data-class.ts";
import { isExpired, newItem, revise, revisionOf } from "./items.ts";
import { itemKeys } from "./keys.ts";

const classes = createDataClassRegistry(DATA_CLASSES);
const now = Date.parse("2040-01-01T00:00:00Z");

describe("newItem", () => {
  it("indexes a member's item under the member's gsi1 partition and sets its TTL from retention", () => {
    const item = newItem({
      cls: classes.get("remembered-message"),
      tenant: "1",
      subject: "9",
      key: itemKeys.message("1", "2", "3"),
      data: {},
      now,
    });

    expect(item).toMatchObject({
      gsi1pk: "G#1#U#9",
      gsi1sk: "MSG#2#3",
      v: 1,
      createdAt: now,
      updatedAt: now,
      expiresAt: (now + 365 * DAY_MS) / 1000,
    });
  });

  it("leaves guild-level data out of gsi1 and without a TTL when its class keeps it", () => {
    const item = newItem({
      cls: classes.get("guild-config"),
      tenant: "1",
      subject: "guild",
      key: itemKeys.guildConfig("1"),
      data: {},
      now,
    });

    expect([item.gsi1pk, item.expiresAt]).toEqual([undefined, undefined]);
  });
});

describe("revise", () => {
  it("moves updatedAt forward even within the same millisecond", () => {
    const item = newItem({
      cls: classes.get("guild-config"),
      tenant: "1",
      key: itemKeys.guildConfig("1"),
      data: {},
      now,
    });

    expect(revise(item, { a: 1 }, now).updatedAt).toBe(now + 1);
  });
});

describe("revisionOf", () => {
  it("requires no accessedAt when the item has none", () => {
    expect(revisionOf({ updatedAt: 5 })).toEqual({ updatedAt: 5, accessedAt: null });
  });
});

describe("isExpired", () => {
  it("is true from the second of expiresAt on, and never without one", () => {
    const expiresAt = now / 1000;

    expect([
      isExpired({ expiresAt }, now - 1),
      isExpired({ expiresAt }, now),
      isExpired({}, Number.MAX_SAFE_INTEGER),
    ]).toEqual([false, true, false]);
  });
});
