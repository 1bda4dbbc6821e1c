import { describe, expect, it } from "vitest";
import { createHashEmbedder, LOCAL_EMBEDDING_DIMENSIONS } from "./hash-embedder.ts";
import { words } from "./text-features.ts";

const cosine = (a: Float32Array | undefined, b: Float32Array | undefined) => {
  if (!a || !b) throw new Error("missing vector");
  return a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
};
const length = (vector: Float32Array | undefined) => Math.sqrt(cosine(vector, vector));

describe("createHashEmbedder", () => {
  const model = createHashEmbedder();

  it("gives the same vector for the same text, call after call and model after model", async () => {
    const first = await model.embed(["The staging build fails at login"]);
    const again = await createHashEmbedder().embed(["The staging build fails at login"]);
    expect(again.vectors[0]).toEqual(first.vectors[0]);
  });

  it("returns unit-length vectors of the configured dimension, empty text included", async () => {
    const { vectors } = await model.embed(["hello there", "", "!!!"]);
    for (const vector of vectors) {
      expect(vector).toHaveLength(LOCAL_EMBEDDING_DIMENSIONS);
      expect(length(vector)).toBeCloseTo(1, 5);
    }
    const small = await createHashEmbedder({ dimensions: 64 }).embed(["x"]);
    expect(small.vectors[0]).toHaveLength(64);
  });

  it.each([
    ["How do I reset my password?", "password reset: how do I do it", "The weather is great in Lisbon today"],
    ["The deployment failed at login", "deploy fails at the login step", "Anyone up for pizza tonight?"],
    [
      "getUserProfile throws a null pointer",
      "get_user_profile throws null pointer",
      "I love my new keyboard",
    ],
    ["Is the staging server down again?", "staging server seems to be down", "Is the game night on Friday?"],
  ])("ranks a paraphrase of %j above unrelated text", async (query, paraphrase, unrelated) => {
    const { vectors } = await model.embed([query, paraphrase, unrelated]);
    const [q, p, u] = vectors;
    expect(cosine(q, p)).toBeGreaterThan(cosine(q, u) + 0.2);
  });

  it("finds the message that answers a question among unrelated ones", async () => {
    const messages = [
      "lunch is at noon in the big room",
      "the deploy to production broke the login page, rolling back now",
      "new emoji pack uploaded",
      "who wants to review my pull request about caching",
    ];
    const { vectors } = await model.embed(["why is login broken after the production deploy?", ...messages]);
    const [question, ...rest] = vectors;
    const scores = rest.map((vector) => cosine(question, vector));
    expect(scores.indexOf(Math.max(...scores))).toBe(1);
  });

  it("counts words as tokens", async () => {
    expect((await model.embed(["two words", "and three more"])).tokens).toBe(5);
  });
});

describe("words", () => {
  it("splits camelCase and snake_case, folds accents and drops punctuation", () => {
    expect(words("The deployFailed at Café_Login! HTTPServer v2Beta")).toEqual([
      "the",
      "deploy",
      "failed",
      "at",
      "cafe",
      "login",
      "http",
      "server",
      "v2",
      "beta",
    ]);
  });
});
