import { GUILD, message, OTHER_GUILD, testDeps, wordEmbedder } from "@megawatts/testing/knowledge";
import { describe, expect, it } from "vitest";
import { ingestMessages } from "../ingest.ts";
import { CORPUS_DIMENSIONS } from "./cooccurrence.ts";
import { corpusEmbeddingModel } from "./corpus-embeddings.ts";

const DAY = 86_400_000;

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

const TOPICS = [
  ["thin hairs everywhere between the towers", "raise the retraction distance"],
  ["the first layer will not stick to the bed", "wash the sheet with dish soap"],
  ["klipper stops with a timer error", "lower the microsteps on the pi"],
  ["the walls show ghost echoes of letters", "calibrate the input shaper"],
  ["spider web hairs on my petg print", "longer retraction and a cooler nozzle"],
  ["prints pop off the glass bed", "use a glue stick on the glass"],
];

/** Conversations, days apart: a question and a reply, each pair on its own topic. */
function conversations(authorId: string, topics = TOPICS) {
  const start = Date.UTC(2026, 1, 1);
  return topics.flatMap(([asked, answered], n) => {
    const question = message(asked as string, { authorId, createdAt: start + n * DAY });
    const answer = message(answered as string, {
      authorId: "80351110224678990",
      replyToId: question.id,
      createdAt: question.createdAt + 60_000,
    });
    return [question, answer];
  });
}

describe("corpusEmbeddingModel", () => {
  it("brings words used in the same conversations together as the guild's corpus grows", async () => {
    const { deps } = testDeps();
    const model = corpusEmbeddingModel(wordEmbedder(), deps.keywords);
    const similarity = async (guildId: string, a: string, b: string) => {
      const { vectors } = await model.forGuild(guildId).embed([a, b]);
      return cosine(vectors[0] as Float32Array, vectors[1] as Float32Array);
    };
    const before = await similarity(GUILD, "hairs", "retraction");
    const messages = conversations("80351110224678991");
    await ingestMessages({ ...deps, embeddings: model }, GUILD, messages.slice(0, 8));
    const some = await similarity(GUILD, "hairs", "retraction");
    await ingestMessages({ ...deps, embeddings: model }, GUILD, messages.slice(8));
    const more = await similarity(GUILD, "hairs", "retraction");
    expect(before).toBeLessThan(0.1);
    expect(some).toBeGreaterThan(before + 0.1);
    expect(more).toBeGreaterThan(before + 0.1);
    expect(more).not.toBe(some); // the later batch changed what the guild's words mean
    expect(await similarity(GUILD, "hairs", "glue")).toBeLessThan(more - 0.1);
    expect(await similarity(OTHER_GUILD, "hairs", "retraction")).toBe(before);
  });

  it("learns nothing from an erased member: the guild's vectors are as if they never wrote", async () => {
    const { deps } = testDeps();
    const model = corpusEmbeddingModel(wordEmbedder(), deps.keywords);
    const kept = message("retraction settings for petg", { authorId: "80351110224678992" });
    const embedKept = async () => (await model.forGuild(GUILD).embed(["hairs retraction glue"])).vectors[0];
    await ingestMessages({ ...deps, embeddings: model }, GUILD, [kept]);
    const without = await embedKept();
    await ingestMessages({ ...deps, embeddings: model }, GUILD, conversations("80351110224678993"));
    expect(await embedKept()).not.toEqual(without);
    await deps.keywords.deleteAuthor(GUILD, "80351110224678993");
    await deps.keywords.deleteAuthor(GUILD, "80351110224678990");
    expect(await embedKept()).toEqual(without);
  });

  it("appends the corpus part to the base model's vector, zero without a guild", async () => {
    const { deps } = testDeps();
    const base = wordEmbedder();
    const model = corpusEmbeddingModel(base, deps.keywords);
    expect(model.dimensions).toBe(base.dimensions + CORPUS_DIMENSIONS);
    const [vector] = (await model.embed(["hello"])).vectors;
    expect(vector?.length).toBe(model.dimensions);
    expect(vector?.slice(base.dimensions).every((value) => value === 0)).toBe(true);
  });
});
