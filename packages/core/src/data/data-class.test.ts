import { describe, expect, it } from "vitest";
import { DATA_CLASSES } from "./classes.ts";
import { createDataClassRegistry, DAY_MS, describeTierPath, tierAt } from "./data-class.ts";
import { UnknownDataClassError } from "./errors.ts";

const classes = createDataClassRegistry(DATA_CLASSES);
const now = Date.parse("2040-06-01T00:00:00Z");
const aged = (days: number, accessedDaysAgo?: number) => ({
  createdAt: now - days * DAY_MS,
  ...(accessedDaysAgo === undefined ? {} : { accessedAt: now - accessedDaysAgo * DAY_MS }),
});

describe("tierAt", () => {
  const message = classes.get("remembered-message");

  it("keeps a message warm for 30 days, then cold, then archived 90 days later", () => {
    const tiers = [29, 31, 119, 121].map((days) => tierAt(message, aged(days), now));

    expect(tiers).toEqual(["warm", "cold", "cold", "archive"]);
  });

  it("counts a message's warm period from its last read", () => {
    expect(tierAt(message, aged(100, 10), now)).toBe("warm");
  });

  it("counts a moderation case's warm period from creation, whatever was read", () => {
    expect(tierAt(classes.get("moderation-case"), aged(181, 1), now)).toBe("cold");
  });

  it("says deleted once an item is past its class's retention", () => {
    expect(tierAt(message, aged(365), now)).toBe("deleted");
  });

  it("keeps guild configuration warm however old", () => {
    expect(tierAt(classes.get("guild-config"), aged(5_000), now)).toBe("warm");
  });

  it("places hot-only classes in the hot tier", () => {
    expect(tierAt(classes.get("conversation-context"), aged(0), now)).toBe("hot");
  });
});

describe("describeTierPath", () => {
  it("describes each kind of path in one line", () => {
    const paths = ["remembered-message", "audit", "user-profile", "cache"].map((id) =>
      describeTierPath(classes.get(id)),
    );

    expect(paths).toEqual([
      "warm 30 d after last read → cold → archive 90 d later → deleted at 365 d",
      "warm, deleted at 365 d",
      "warm, kept until deleted",
      "hot, TTL 900 s",
    ]);
  });
});

describe("createDataClassRegistry", () => {
  it("throws UnknownDataClassError for an unknown id", () => {
    expect(() => classes.get("nope")).toThrow(UnknownDataClassError);
  });

  it("refuses two classes with one id", () => {
    expect(() => createDataClassRegistry([...DATA_CLASSES, DATA_CLASSES[0] as never])).toThrow(/unique/);
  });
});
