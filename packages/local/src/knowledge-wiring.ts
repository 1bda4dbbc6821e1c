import { constants } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { createKnowledgeServices, type KnowledgeConfig } from "@megawatts/ai/knowledge";
import type { HealthCheck, KnowledgeServices, WorkerServices } from "@megawatts/core";
import { createDiscordRest, DiscordChannelHistory } from "@megawatts/discord/rest";
import type { LocalConfig } from "./config.ts";

/** The token the built-in sink accepts for bot routes when no real token is configured. */
export const SINK_BOT_TOKEN = "local-sink";

/**
 * The knowledge providers of the local runtime: OpenAI when `OPENAI_API_KEY` or
 * `OPENAI_BASE_URL` is set (else hashed n-gram embeddings and extractive answers), Pinecone
 * when `PINECONE_API_KEY` and `PINECONE_INDEX` are both set (else the local index under
 * `<data dir>/vectors`).
 *
 * @example
 * localKnowledgeConfig(parseLocalConfig({})) // { vectorDir: ".data/vectors" }
 */
export function localKnowledgeConfig(config: LocalConfig): KnowledgeConfig {
  const { openai, pineconeApiKey, pineconeIndex } = config;
  return {
    ...(openai
      ? {
          openai: {
            ...(openai.apiKey ? { apiKey: openai.apiKey } : { apiKey: "local" }),
            ...(openai.baseUrl ? { baseURL: openai.baseUrl } : {}),
          },
        }
      : {}),
    ...(pineconeApiKey && pineconeIndex
      ? { pinecone: { apiKey: pineconeApiKey, index: pineconeIndex } }
      : { vectorDir: join(config.dataDir, "vectors") }),
  };
}

/**
 * The local bot's knowledge services, with channel history read through Discord REST: the
 * built-in sink (bot token `local-sink`) or the configured API with `DISCORD_BOT_TOKEN`.
 *
 * @example
 * const knowledge = localKnowledge(storage, { config, discordApiUrl: sink.url, sink: true });
 */
export function localKnowledge(
  storage: Pick<WorkerServices, "data" | "envelope" | "cache">,
  input: { config: LocalConfig; discordApiUrl: string; sink: boolean },
): KnowledgeServices {
  const token = input.config.discord.botToken ?? (input.sink ? SINK_BOT_TOKEN : undefined);
  const history = token
    ? new DiscordChannelHistory(createDiscordRest({ apiUrl: input.discordApiUrl, token }))
    : undefined;
  return createKnowledgeServices(storage, {
    ...localKnowledgeConfig(input.config),
    ...(history ? { history } : {}),
  });
}

/**
 * The `/status` probe of the local vector index: up when its directory can be written.
 *
 * @example
 * localVectorIndexCheck(".data/vectors") // { name: "vector index (local)", kind: "vector-index", check }
 */
export function localVectorIndexCheck(dir: string): HealthCheck {
  return {
    name: "vector index (local)",
    kind: "vector-index",
    async check() {
      await mkdir(dir, { recursive: true });
      await access(dir, constants.W_OK);
      return { detail: dir };
    },
  };
}
