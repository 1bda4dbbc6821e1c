import { DEFAULT_SETTINGS } from "@megawatts/core";
import { beforeAll, describe, expect, it } from "vitest";
import { chooseDefault, crossValidatedHybrid } from "./choose.ts";
import { evaluate, type VariantResult } from "./evaluate.ts";
import { loadFixtures } from "./fixtures.ts";

let results: VariantResult[];

beforeAll(async () => {
  results = await evaluate();
}, 60_000);

describe("the knowledge evaluation", () => {
  it("has a labelled set of at least 300 messages and 40 queries, each with relevant messages", async () => {
    const { messages, queries } = await loadFixtures();
    expect(messages.length).toBeGreaterThanOrEqual(300);
    expect(queries.length).toBeGreaterThanOrEqual(40);
    expect(queries.every((query) => query.relevant.length > 0)).toBe(true);
    expect(new Set(messages.map((message) => message.channelId)).size).toBeGreaterThanOrEqual(8);
  });

  it("ships the default mode its rule picks on this set", () => {
    expect(chooseDefault(results).best).toBe(DEFAULT_SETTINGS.defaultMode);
  });

  it("scores every query exactly once in the cross-validated hybrid", () => {
    const hybrid = crossValidatedHybrid(results);
    expect(hybrid.picks).toHaveLength(2);
    expect(hybrid.recall).toBeGreaterThan(0);
  });
});
