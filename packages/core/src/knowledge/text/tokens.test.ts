import { describe, expect, it } from "vitest";
import { keywordTerms, stem, words } from "./tokens.ts";

describe("words", () => {
  it("splits identifiers and keeps the joined form", () => {
    expect(words("getUserById snake_case")).toEqual([
      "getuserbyid",
      "get",
      "user",
      "by",
      "id",
      "snakecase",
      "snake",
      "case",
    ]);
  });

  it("folds accents and shortens stretched letters", () => {
    expect(words("Café soooo goooood")).toEqual(["cafe", "soo", "good"]);
  });
});

describe("stem", () => {
  it("brings inflections of a word together", () => {
    expect(["deploy", "deploys", "deployed", "deploying"].map(stem)).toEqual(Array(4).fill("deploy"));
    expect(["crash", "crashes", "crashed"].map(stem)).toEqual(["crash", "crash", "crash"]);
    expect([stem("queries"), stem("running"), stem("status"), stem("v2s")]).toEqual([
      "query",
      "run",
      "status",
      "v2s",
    ]);
  });
});

describe("keywordTerms", () => {
  it("drops stop words and single letters but keeps numbers", () => {
    expect(keywordTerms("The build is failing with error 502 on a CI runner")).toEqual([
      "build",
      "fail",
      "error",
      "502",
      "ci",
      "runner",
    ]);
  });
});
