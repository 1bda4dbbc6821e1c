import { DEV_APPLICATION_ID } from "@megawatts/testing";
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
  DISCORD_API_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  UPSTASH_REDIS_REST_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
  UPSTASH_REDIS_REST_TOKEN: optional(z.string()),
  PINECONE_API_KEY: optional(z.string()),
  OPENAI_API_KEY: optional(z.string()),
  OPENAI_BASE_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
});

export type LocalConfig = {
  port: number;
  dataDir: string;
  discord: { publicKey?: string; applicationId: string; botToken?: string; apiUrl?: string };
  upstash?: { url: string; token?: string };
  pineconeApiKey?: string;
  openai?: { apiKey?: string; baseUrl?: string };
};

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
      ...when("apiUrl", e.DISCORD_API_URL),
    },
    ...(e.UPSTASH_REDIS_REST_URL
      ? { upstash: { url: e.UPSTASH_REDIS_REST_URL, ...when("token", e.UPSTASH_REDIS_REST_TOKEN) } }
      : {}),
    ...when("pineconeApiKey", e.PINECONE_API_KEY),
    ...(e.OPENAI_API_KEY || e.OPENAI_BASE_URL
      ? { openai: { ...when("apiKey", e.OPENAI_API_KEY), ...when("baseUrl", e.OPENAI_BASE_URL) } }
      : {}),
  };
}
