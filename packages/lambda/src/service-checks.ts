import type { DependencyKind, HealthCheck } from "@megawatts/core";

export interface ServiceEndpoints {
  /** Discord REST base, e.g. `https://discord.com/api/v10` or the local sink. */
  discordApiUrl: string;
  upstash?: { url: string; token: string } | undefined;
  pinecone?: { apiKey: string; index: string } | undefined;
  openai?: { apiKey: string; baseUrl: string } | undefined;
}

function notConfigured(name: string, kind: DependencyKind): HealthCheck {
  return { name, kind, check: async () => ({ configured: false }) };
}

/** A probe that passes when the service answers over HTTP with a status below 500. */
function httpCheck(name: string, kind: DependencyKind, url: string, init: RequestInit = {}): HealthCheck {
  return {
    name,
    kind,
    async check(signal) {
      const response = await fetch(url, { ...init, signal });
      await response.body?.cancel();
      if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
      if (response.status === 401 || response.status === 403) throw new Error(`credentials refused (HTTP ${response.status})`);
      return { detail: `HTTP ${response.status}` };
    },
  };
}

/**
 * Probes for the services reached over plain HTTPS (Discord REST, Upstash, Pinecone, OpenAI);
 * a service without credentials is reported "not configured". AWS services are probed by
 * their SDK adapters instead.
 *
 * @example
 * const checks = serviceHealthChecks({ discordApiUrl: "https://discord.com/api/v10" });
 */
export function serviceHealthChecks(endpoints: ServiceEndpoints): HealthCheck[] {
  const { upstash, pinecone, openai } = endpoints;
  return [
    httpCheck("discord rest", "discord", `${endpoints.discordApiUrl.replace(/\/+$/, "")}/gateway`),
    upstash
      ? httpCheck("cache (upstash)", "cache", upstash.url, {
          method: "POST",
          headers: { authorization: `Bearer ${upstash.token}`, "content-type": "application/json" },
          body: '["PING"]',
        })
      : notConfigured("cache (upstash)", "cache"),
    pinecone
      ? httpCheck("vector index (pinecone)", "vector-index", `https://api.pinecone.io/indexes/${pinecone.index}`, {
          headers: { "api-key": pinecone.apiKey, "x-pinecone-api-version": "2025-04" },
        })
      : notConfigured("vector index (pinecone)", "vector-index"),
    openai
      ? httpCheck("model provider (openai)", "model", `${openai.baseUrl.replace(/\/+$/, "")}/models`, {
          headers: { authorization: `Bearer ${openai.apiKey}` },
        })
      : notConfigured("model provider (openai)", "model"),
  ];
}
