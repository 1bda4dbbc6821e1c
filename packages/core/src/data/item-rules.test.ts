import { describe, expect, it } from "vitest";
import { DATA_CLASSES } from "./classes.ts";
import { createDataClassRegistry } from "./data-class.ts";
import { DataClassViolationError } from "./errors.ts";
import { checkWritable, upgradeItem } from "./item-rules.ts";
import { newItem } from "./items.ts";
import { itemKeys, tenantPk } from "./keys.ts";

const classes = createDataClassRegistry(DATA_CLASSES);
const sealed = { v: 1, alg: "A256GCM", ct: "AAAA" };
const profile = (data: Record<string, unknown>, guild = "1") =>
  newItem({
    cls: classes.get("user-profile"),
    tenant: guild,
    subject: "9",
    key: itemKeys.userProfile(guild, "9"),
    data,
    now: 0,
  });

describe("upgradeItem", () => {
  it("upgrades a profile from schema 1, moving the opt-out into preferences", () => {
    const upgraded = upgradeItem({ ...profile({ profile: sealed, forgetMe: true }), v: 1 }, classes);

    expect({ v: upgraded.v, data: upgraded.data }).toEqual({
      v: 2,
      data: { profile: sealed, preferences: { forgetMe: true } },
    });
  });

  it("returns a current item unchanged", () => {
    const item = profile({ profile: sealed, preferences: { forgetMe: false } });

    expect(upgradeItem(item, classes)).toBe(item);
  });

  it("returns an item of an unknown class unchanged", () => {
    const item = { ...profile({}), cls: "legacy", v: 0 };

    expect(upgradeItem(item, classes)).toBe(item);
  });
});

describe("checkWritable", () => {
  const write = (item: ReturnType<typeof profile>) => () => checkWritable(item, classes.get(item.cls));

  it("accepts an item whose sensitive fields are sealed", () => {
    expect(write(profile({ profile: sealed }))).not.toThrow();
  });

  it("refuses a sensitive field in plaintext", () => {
    expect(write(profile({ profile: "Alice, likes cats" }))).toThrow(DataClassViolationError);
  });

  it("refuses a key that names another tenant", () => {
    expect(write({ ...profile({}), pk: tenantPk("2") })).toThrow(/does not name tenant 1/);
  });

  it("refuses a gsi1 key that names another tenant", () => {
    expect(write({ ...profile({}), gsi1pk: "G#2#U#9" })).toThrow(/gsi1pk/);
  });

  it("refuses an older schema version", () => {
    expect(write({ ...profile({}), v: 1 })).toThrow(/schema version 1/);
  });

  it("refuses a class that lives only in the hot tier", () => {
    const item = { ...profile({}), cls: "cache" };

    expect(write(item)).toThrow(/warm tier/);
  });

  it("takes the envelope's own test for sealed values when given", () => {
    const item = profile({ profile: { looks: "like an object" } });

    expect(() =>
      checkWritable(item, classes.get("user-profile"), (value) => "ct" in (value as object)),
    ).toThrow(/must be sealed/);
  });
});
