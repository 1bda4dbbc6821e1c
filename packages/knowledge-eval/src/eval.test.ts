import { DEFAULT_SETTINGS } from "@megawatts/core";
import { beforeAll, describe, expect, it } from "vitest";
import { chooseDefault, crossValidate, type SetResults } from "./choose.ts";
import { evaluate } from "./evaluate.ts";
import { EVAL_SETS, loadFixtures } from "./fixtures.ts";

let sets: SetResults[];

beforeAll(async () => {
  sets = [];
  for (const set of EVAL_SETS) sets.push({ set, results: await evaluate(set) });
}, 600_000);

describe("the knowledge evaluation", () => {
  it.each(EVAL_SETS)(
    "has a labelled set %s of at least 200 messages and 40 queries, a third of them paraphrases",
    async (set) => {
      const { messages, queries } = await loadFixtures(set);
      expect(messages.length).toBeGreaterThanOrEqual(200);
      expect(queries.length).toBeGreaterThanOrEqual(40);
      expect(queries.filter((query) => query.kind === "paraphrase").length * 3).toBeGreaterThanOrEqual(
        queries.length,
      );
      expect(queries.every((query) => query.relevant.length > 0)).toBe(true);
      expect(new Set(messages.map((message) => message.channelId)).size).toBeGreaterThanOrEqual(6);
    },
  );

  it("ships the default mode its rule picks across the sets", () => {
    expect(chooseDefault(sets).best).toBe(DEFAULT_SETTINGS.defaultMode);
  });

  it("scores each set once, with settings picked on the other set", () => {
    const hybrid = crossValidate("hybrid", sets);
    expect(hybrid.folds.map((fold) => fold.set)).toEqual([...EVAL_SETS]);
    expect(hybrid.recall).toBeGreaterThan(0);
  });
});
