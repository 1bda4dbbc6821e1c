import type { KeywordIndex } from "../keyword/ports.ts";
import type { EmbeddingModel, Embeddings } from "../ports.ts";
import { CORPUS_DIMENSIONS } from "./cooccurrence.ts";

/**
 * An embedding model whose vectors depend on the guild: `forGuild` gives the model for one
 * guild, optionally as if `pending` texts (the batch being indexed) were already in its corpus.
 */
export interface GuildEmbeddingModel extends EmbeddingModel {
  forGuild(guildId: string, pending?: readonly string[]): EmbeddingModel;
}

export interface CorpusEmbeddingOptions {
  /** Share of the cosine that comes from the corpus part (default 0.5; the rest is the base model's). */
  weight?: number;
}

/**
 * The local embedder that meets rewording: the base model's vector (hashed n-grams: shared
 * words and spellings) beside a vector learned from the guild's own messages (which terms
 * share conversations, see `Cooccurrence`), each scaled so their cosines add up in the
 * proportion `weight`. What a guild's corpus teaches stays in that guild, and grows as its
 * messages are indexed; vectors written earlier keep what the corpus knew then. Without a
 * guild (`embed`), the corpus part is zero.
 *
 * @example
 * const model = corpusEmbeddingModel(createHashEmbedder(), keywords);
 * const { vectors } = await model.forGuild(guildId).embed(["thin hairs between the towers"]);
 */
export function corpusEmbeddingModel(
  base: EmbeddingModel,
  keywords: KeywordIndex,
  options: CorpusEmbeddingOptions = {},
): GuildEmbeddingModel {
  const weight = options.weight ?? 0.5;
  if (!(weight >= 0 && weight <= 1)) throw new RangeError("weight must be within [0, 1]");
  const id = `${base.id}+corpus-v1`;
  const dimensions = base.dimensions + CORPUS_DIMENSIONS;
  const join = (own: Embeddings, learned: Float32Array[] | undefined): Embeddings => ({
    tokens: own.tokens,
    vectors: own.vectors.map((vector, i) => {
      const out = new Float32Array(dimensions);
      const a = Math.sqrt(1 - weight);
      const b = Math.sqrt(weight);
      for (let d = 0; d < vector.length; d++) out[d] = (vector[d] ?? 0) * a;
      const corpus = learned?.[i];
      if (corpus) for (let d = 0; d < CORPUS_DIMENSIONS; d++) out[base.dimensions + d] = (corpus[d] ?? 0) * b;
      return out;
    }),
  });
  return {
    id,
    dimensions,
    async embed(texts, signal) {
      return join(await base.embed(texts, signal), undefined);
    },
    forGuild(guildId, pending = []) {
      return {
        id,
        dimensions,
        async embed(texts, signal) {
          const [own, learned] = await Promise.all([
            base.embed(texts, signal),
            keywords.corpusVectors(guildId, texts, pending),
          ]);
          return join(own, learned);
        },
      };
    },
  };
}

/**
 * The model that embeds for one guild: `forGuild` of a guild-dependent model, else the model.
 *
 * @example
 * const { vectors } = await embedderFor(deps.embeddings, guildId).embed([query]);
 */
export function embedderFor(
  model: EmbeddingModel,
  guildId: string,
  pending?: readonly string[],
): EmbeddingModel {
  return "forGuild" in model && typeof model.forGuild === "function"
    ? (model as GuildEmbeddingModel).forGuild(guildId, pending)
    : model;
}
