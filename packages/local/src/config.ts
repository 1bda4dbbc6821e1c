import { DEV_APPLICATION_ID } from "@megawatts/discord/simulate";
import { z } from "zod";

/** Raised when the environment does not describe a runnable local bot; names every bad variable. */
export class LocalConfigError extends Error {
  override name = "LocalConfigError";
}

// An empty variable (as `.env` files often leave them) means "not set".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const EnvSchema = z.object({
  PORT: optional(z.coerce.number().int().min(0).max(65_535)).transform((port) => port ?? 8787),
  MEGAWATTS_DATA_DIR: optional(z.string()).transform((dir) => dir ?? ".data"),
  DISCORD_PUBLIC_KEY: optional(z.string().regex(/^[0-9a-f]{64}$/i, "must be 64 hex characters")),
  DISCORD_APPLICATION_ID: optional(z.string().regex(/^\d{17,20}$/, "must be a snowflake (17 to 20 digits)")),
  DISCORD_BOT_TOKEN: optional(z.string()),
  DISCORD_CLIENT_SECRET: optional(z.string()),
  DISCORD_API_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  UPSTASH_REDIS_REST_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  UPSTASH_REDIS_REST_TOKEN: optional(z.string()),
  PINECONE_API_KEY: optional(z.string()),
  MEGAWATTS_SINK_FIXTURE: optional(z.string()),
  MEGAWATTS_SINK_GUILD: optional(z.string()),
  MEGAWATTS_SINK_429_EVERY: optional(z.coerce.number().int().min(2, "must be 2 or more")),
  PINECONE_INDEX: optional(z.string().regex(/^[a-z0-9-]{1,45}$/, "must be a Pinecone index name")),
  PINECONE_HOST: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  OPENAI_API_KEY: optional(z.string()),
  OPENAI_BASE_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  SELFEDIT_REPO_DIR: optional(z.string()),
  SELFEDIT_MODEL: optional(z.string()),
  GITHUB_APP_ID: optional(z.string().regex(/^\d+$/, "must be the App's numeric id")),
  GITHUB_APP_PRIVATE_KEY: optional(z.string()),
  GITHUB_APP_INSTALLATION_ID: optional(z.string().regex(/^\d+$/, "must be a numeric installation id")),
  GITHUB_APP_REPOSITORY: optional(z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be "owner/name"')),
  GITHUB_APP_WEBHOOK_SECRET: optional(z.string()),
});

export type LocalConfig = {
  port: number;
  dataDir: string;
  discord: {
    publicKey?: string;
    applicationId: string;
    botToken?: string;
    apiUrl?: string;
    /** The application's OAuth2 client secret, for the dashboard's login against real Discord. */
    clientSecret?: string;
  };
  upstash?: { url: string; token?: string };
  pineconeApiKey?: string;
  /** JSON Lines of channel messages the Discord sink serves (default: the sample server, `packages/local/fixtures/sample-server.jsonl`). */
  sinkFixture?: string;
  /** A JSON guild fixture the Discord sink models (default: the local server with its members and roles). */
  sinkGuild?: string;
  /** The sink answers every n-th request to its servers with a 429 (`retry_after` 0.05 s). */
  sinkRateLimitEvery?: number;
  /** The Pinecone index; vectors go to Pinecone only when this and the API key are set. */
  pineconeIndex?: string;
  /** The index's host, which skips the SDK's lookup (e.g. a Pinecone-protocol server on this machine). */
  pineconeHost?: string;
  openai?: { apiKey?: string; baseUrl?: string };
  /** Present when any self-edit variable is set. */
  selfEdit?: SelfEditLocalConfig;
};

/** Where local self-edits go: a local git repository, or a GitHub App when all of its settings are given. */
export interface SelfEditLocalConfig {
  /** The repository branches are written to (default: the one the bot runs from). */
  repoDir?: string;
  /** The chat model (default `gpt-4o-mini`). */
  model?: string;
  github?: { appId: string; privateKey: string; installationId: string; repository: string };
  webhookSecret?: string;
}

/**
 * Reads the local runtime's configuration from the environment once, failing with one error
 * that names every variable that is wrong.
 *
 * @example
 * const config = parseLocalConfig(process.env); // { port: 8787, dataDir: ".data", ... }
 */
export function parseLocalConfig(env: Record<string, string | undefined>): LocalConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join(".")}: ${issue.message}`);
    throw new LocalConfigError(`invalid environment for the local bot:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const when = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
  return {
    port: e.PORT,
    dataDir: e.MEGAWATTS_DATA_DIR,
    discord: {
      applicationId: e.DISCORD_APPLICATION_ID ?? DEV_APPLICATION_ID,
      ...when("publicKey", e.DISCORD_PUBLIC_KEY),
      ...when("botToken", e.DISCORD_BOT_TOKEN),
      ...when("clientSecret", e.DISCORD_CLIENT_SECRET),
      ...when("apiUrl", e.DISCORD_API_URL),
    },
    ...(e.UPSTASH_REDIS_REST_URL
      ? { upstash: { url: e.UPSTASH_REDIS_REST_URL, ...when("token", e.UPSTASH_REDIS_REST_TOKEN) } }
      : {}),
    ...when("pineconeApiKey", e.PINECONE_API_KEY),
    ...when("pineconeIndex", e.PINECONE_INDEX),
    ...when("pineconeHost", e.PINECONE_HOST),
    ...when("sinkFixture", e.MEGAWATTS_SINK_FIXTURE),
    ...when("sinkGuild", e.MEGAWATTS_SINK_GUILD),
    ...when("sinkRateLimitEvery", e.MEGAWATTS_SINK_429_EVERY),
    ...(e.OPENAI_API_KEY || e.OPENAI_BASE_URL
      ? { openai: { ...when("apiKey", e.OPENAI_API_KEY), ...when("baseUrl", e.OPENAI_BASE_URL) } }
      : {}),
    ...selfEditConfig(e),
  };
}

function selfEditConfig(e: z.infer<typeof EnvSchema>): { selfEdit?: SelfEditLocalConfig } {
  const app = [
    e.GITHUB_APP_ID,
    e.GITHUB_APP_PRIVATE_KEY,
    e.GITHUB_APP_INSTALLATION_ID,
    e.GITHUB_APP_REPOSITORY,
  ];
  const github =
    e.GITHUB_APP_ID && e.GITHUB_APP_PRIVATE_KEY && e.GITHUB_APP_INSTALLATION_ID && e.GITHUB_APP_REPOSITORY
      ? {
          appId: e.GITHUB_APP_ID,
          privateKey: e.GITHUB_APP_PRIVATE_KEY,
          installationId: e.GITHUB_APP_INSTALLATION_ID,
          repository: e.GITHUB_APP_REPOSITORY,
        }
      : undefined;
  if (!github && app.some(Boolean))
    throw new LocalConfigError(
      "invalid environment for the local bot:\n- GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID and GITHUB_APP_REPOSITORY go together: set all four, or none to write branches to the local repository",
    );
  const selfEdit = {
    ...(e.SELFEDIT_REPO_DIR ? { repoDir: e.SELFEDIT_REPO_DIR } : {}),
    ...(e.SELFEDIT_MODEL ? { model: e.SELFEDIT_MODEL } : {}),
    ...(github ? { github } : {}),
    ...(e.GITHUB_APP_WEBHOOK_SECRET ? { webhookSecret: e.GITHUB_APP_WEBHOOK_SECRET } : {}),
  };
  return Object.keys(selfEdit).length > 0 ? { selfEdit } : {};
}
