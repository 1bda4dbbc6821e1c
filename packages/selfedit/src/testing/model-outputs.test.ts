import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openGitSnapshot } from "../snapshot/git-snapshot.ts";
import type { RepositorySnapshot } from "../snapshot/ports.ts";
import { createFixtureRepo, type FixtureRepo } from "./fixture-repo.ts";
import { classifyAnswer, loadModelOutputs } from "./model-outputs.ts";

let repo: FixtureRepo;
let base: RepositorySnapshot;
beforeAll(async () => {
  repo = await createFixtureRepo();
  base = await openGitSnapshot(repo.dir);
});
afterAll(() => repo.remove());

const outputs = await loadModelOutputs();

describe("the fixture set of model answers", () => {
  it("holds well-formed answers and each kind of malformed one", () => {
    const rules = new Set(outputs.flatMap((output) => output.rules));

    expect(outputs.filter((output) => output.wellFormed).length).toBeGreaterThanOrEqual(5);
    expect([...rules].sort()).toEqual([
      "edits/file-exists",
      "edits/format",
      "edits/missing-file",
      "edits/multiple-matches",
      "edits/no-match",
      "edits/placeholder",
      "edits/unbalanced-brackets",
    ]);
  });

  it.each(outputs.map((output) => [output.name, output] as const))(
    "classifies %s as labelled",
    async (_name, output) => {
      expect(await classifyAnswer(base, output.answer)).toEqual({
        wellFormed: output.wellFormed,
        rules: output.rules,
      });
    },
  );
});
