import type { DependencyKind, HealthCheck } from "@megawatts/core";
import type { LocalConfig } from "./config.ts";

const notConfigured = (name: string, kind: DependencyKind): HealthCheck => ({
  name,
  kind,
  check: async () => ({ configured: false }),
});

/** A GET (or POST) that must answer 2xx; the detail is the HTTP status. */
function httpCheck(
  name: string,
  kind: DependencyKind,
  request: () => { url: string; init?: RequestInit },
): HealthCheck {
  return {
    name,
    kind,
    async check(signal) {
      const { url, init } = request();
      const response = await fetch(url, { ...init, signal });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`HTTP ${response.status} from ${new URL(url).host}`);
      return { detail: `HTTP ${response.status}` };
    },
  };
}

/**
 * The Discord REST check: the sink's inspection route when the built-in sink answers,
 * otherwise `GET /gateway` (no token needed) on the configured API.
 *
 * @example
 * discordHealthCheck("http://127.0.0.1:4000/api/v10", { sink: true });
 */
export function discordHealthCheck(apiUrl: string, options: { sink: boolean }): HealthCheck {
  const base = apiUrl.replace(/\/+$/, "");
  if (options.sink) {
    const origin = new URL(base).origin;
    return httpCheck("discord (local sink)", "discord", () => ({ url: `${origin}/_sink/webhooks/health` }));
  }
  return httpCheck("discord", "discord", () => ({ url: `${base}/gateway` }));
}

/**
 * Checks for the services a local bot may use when configured, each one cheap real request
 * (Upstash `PING`, Pinecone's index list, the model provider's model list); the rest report
 * `{ configured: false }`. KMS has no local endpoint, so keys are never configured here.
 *
 * @example
 * const checks = optionalServiceChecks(config);
 */
export function optionalServiceChecks(config: LocalConfig): HealthCheck[] {
  const { upstash, pineconeApiKey, openai } = config;
  const cache = upstash
    ? httpCheck("cache (Upstash)", "cache", () => ({
        url: upstash.url,
        init: {
          method: "POST",
          headers: { authorization: `Bearer ${upstash.token ?? ""}`, "content-type": "application/json" },
          body: JSON.stringify(["PING"]),
        },
      }))
    : notConfigured("cache", "cache");
  const vectors = pineconeApiKey
    ? httpCheck("vector index (Pinecone)", "vector-index", () => ({
        url: "https://api.pinecone.io/indexes",
        init: { headers: { "api-key": pineconeApiKey, "x-pinecone-api-version": "2025-04" } },
      }))
    : notConfigured("vector index", "vector-index");
  const model = openai
    ? httpCheck("model provider", "model", () => ({
        url: `${(openai.baseUrl ?? "https://api.openai.com/v1").replace(/\/+$/, "")}/models`,
        init: openai.apiKey ? { headers: { authorization: `Bearer ${openai.apiKey}` } } : {},
      }))
    : notConfigured("model provider", "model");
  return [cache, notConfigured("keys (KMS)", "keys"), vectors, model];
}
