import { constants } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import type { DependencyKind, HealthCheck } from "@megawatts/core";

export interface ServiceEndpoints {
  /** Discord REST base, e.g. `https://discord.com/api/v10` or the local sink. */
  discordApiUrl: string;
  /** Without an index name, the probe lists the project's indexes. */
  pinecone?: { apiKey: string; index?: string | undefined } | undefined;
  /** Without a key, an OpenAI-compatible server that needs none (a local one). */
  openai?: { apiKey?: string | undefined; baseUrl: string } | undefined;
  /** The local vector index's directory, when vectors are kept on this machine instead of Pinecone. */
  vectorDir?: string | undefined;
}

/** The local vector index is up when its directory can be written. */
function localVectorIndexCheck(dir: string): HealthCheck {
  return {
    name: "vector index (local)",
    kind: "vector-index",
    async check() {
      await mkdir(dir, { recursive: true });
      await access(dir, constants.W_OK);
      return { detail: "on this machine" };
    },
  };
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
      if (response.status === 401 || response.status === 403)
        throw new Error(`credentials refused (HTTP ${response.status})`);
      return { detail: `HTTP ${response.status}` };
    },
  };
}

/**
 * Probes for the services reached over plain HTTP(S) (Discord REST, Pinecone, OpenAI), shared
 * by the Lambda and local runtimes; a service without credentials is reported "not
 * configured". Storage (table, bucket, keys, cache) is probed by its adapters instead.
 *
 * @example
 * const checks = serviceHealthChecks({ discordApiUrl: "https://discord.com/api/v10" });
 */
export function serviceHealthChecks(endpoints: ServiceEndpoints): HealthCheck[] {
  const { pinecone, openai } = endpoints;
  const pineconeUrl = `https://api.pinecone.io/indexes${pinecone?.index ? `/${pinecone.index}` : ""}`;
  return [
    // Discord's one unauthenticated route; the local sink answers it too.
    httpCheck("discord rest", "discord", `${endpoints.discordApiUrl.replace(/\/+$/, "")}/gateway`),
    pinecone
      ? httpCheck("vector index (pinecone)", "vector-index", pineconeUrl, {
          headers: { "api-key": pinecone.apiKey, "x-pinecone-api-version": "2025-04" },
        })
      : endpoints.vectorDir
        ? localVectorIndexCheck(endpoints.vectorDir)
        : notConfigured("vector index (none: keyword search only)", "vector-index"),
    openai
      ? httpCheck("model provider (openai)", "model", `${openai.baseUrl.replace(/\/+$/, "")}/models`, {
          ...(openai.apiKey ? { headers: { authorization: `Bearer ${openai.apiKey}` } } : {}),
        })
      : notConfigured("model provider (openai)", "model"),
  ];
}
