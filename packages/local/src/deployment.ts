import { join, resolve } from "node:path";
import { createOpenAiChat, createOpenAiClient } from "@megawatts/ai/openai";
import type { ChatModel } from "@megawatts/core";
import { DEFAULT_DISCORD_API_URL } from "@megawatts/discord/rest";
import type { Deployment } from "@megawatts/runtime/deployment";
import { repositoryGroup } from "@megawatts/runtime/selfedit";
import type { RepositoryWriter } from "@megawatts/selfedit";
import { createGithubWriter } from "@megawatts/selfedit/github";
import { createLocalGitWriter } from "@megawatts/selfedit/local-git";
import type { StandInEndpoints } from "./clients.ts";
import type { LocalConfig } from "./config.ts";
import type { Provisioned } from "./stand-ins/provision.ts";

/** The token the built-in sink accepts for bot routes when no real token is configured. */
export const SINK_BOT_TOKEN = "local-sink";

/** Where the workers send Discord REST calls, decided from the configuration. */
export type DiscordTarget = { kind: "configured" | "discord"; apiUrl: string } | { kind: "sink" };

/**
 * `DISCORD_API_URL` when set, real Discord when a bot token is set, the built-in sink otherwise.
 *
 * @example
 * discordTarget(config) // { kind: "sink" }
 */
export function discordTarget(config: LocalConfig): DiscordTarget {
  if (config.discord.apiUrl) return { kind: "configured", apiUrl: config.discord.apiUrl };
  if (config.discord.botToken) return { kind: "discord", apiUrl: DEFAULT_DISCORD_API_URL };
  return { kind: "sink" };
}

/**
 * Where the local bot's resources are, in the shape the composition root builds from: the
 * provisioned table, bucket and queues on the stand-ins; the hot tier on real Upstash when
 * `UPSTASH_REDIS_REST_URL` is set, else the bridge in front of redis-server, else in memory;
 * OpenAI when `OPENAI_API_KEY` or `OPENAI_BASE_URL` is set; Pinecone when `PINECONE_API_KEY`
 * and `PINECONE_INDEX` are set, else the local vector index under `<data dir>/vectors`; channel
 * history through the sink (bot token `local-sink`) or the configured Discord API.
 *
 * @example
 * const deployment = localDeployment({ config, resources, endpoints, discordApiUrl: sink.url, sink: true });
 */
export function localDeployment(input: {
  config: LocalConfig;
  resources: Provisioned;
  endpoints: StandInEndpoints;
  discordApiUrl: string;
  sink: boolean;
}): Deployment {
  const { config, resources, endpoints } = input;
  const { upstash, openai, pineconeApiKey, pineconeIndex, pineconeHost } = config;
  const botToken = config.discord.botToken ?? (input.sink ? SINK_BOT_TOKEN : undefined);
  return {
    tableName: resources.tableName,
    keyTableName: resources.keyTableName,
    bucketName: resources.bucketName,
    keyArn: endpoints.kms.keyArn,
    queues: {
      jobs: resources.jobsQueue.url,
      jobsDeadLetters: resources.jobsDeadLetterQueue.url,
      tasks: resources.tasksQueue.url,
    },
    discord: { apiUrl: input.discordApiUrl, ...(botToken ? { botToken } : {}) },
    upstash: upstash ? { url: upstash.url, token: upstash.token ?? "" } : endpoints.upstash,
    // A local OpenAI-compatible server may need no key; the SDK still wants one.
    ...(openai ? { openai: { apiKey: openai.apiKey ?? "local", baseURL: openai.baseUrl } } : {}),
    ...(pineconeApiKey && pineconeIndex
      ? { pinecone: { apiKey: pineconeApiKey, index: pineconeIndex, host: pineconeHost } }
      : { vectorDir: join(config.dataDir, "vectors") }),
  };
}

/** The repository self-edits go to: the GitHub App's, or a local directory (default: here). */
export function selfEditRepository(config: LocalConfig): { github?: string; dir: string } {
  const github = config.selfEdit?.github?.repository;
  return { ...(github ? { github } : {}), dir: resolve(config.selfEdit?.repoDir ?? ".") };
}

/** The FIFO message group of the local self-edit queue: the configured repository. */
export function selfEditGroup(config: LocalConfig): string {
  const repository = selfEditRepository(config);
  return repositoryGroup(repository.github ?? repository.dir);
}

/** Branches in the local repository (pull requests recorded under the data dir), or a GitHub App. */
export function selfEditWriter(config: LocalConfig): RepositoryWriter {
  const github = config.selfEdit?.github;
  if (github) return createGithubWriter(github);
  return createLocalGitWriter({
    dir: selfEditRepository(config).dir,
    recordDir: join(config.dataDir, "pull-requests"),
  });
}

/** The self-edit model from `OPENAI_*` (and `MEGAWATTS_SELFEDIT_MODEL`), when configured. */
export function selfEditChat(config: LocalConfig): ChatModel | undefined {
  if (!config.openai) return undefined;
  const client = createOpenAiClient({
    apiKey: config.openai.apiKey ?? "local",
    ...(config.openai.baseUrl ? { baseURL: config.openai.baseUrl } : {}),
  });
  return createOpenAiChat({ client, ...(config.selfEdit?.model ? { model: config.selfEdit.model } : {}) });
}
