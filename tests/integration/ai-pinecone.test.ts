import { createPineconeVectorIndex, type PineconeVectorIndexOptions } from "@megawatts/ai/pinecone";
import { KnowledgeServiceError } from "@megawatts/core";
import { createTraceRecorder } from "@megawatts/local";
import { type PineconeTestServer, startPineconeTestServer } from "@megawatts/testing/pinecone-server";
import { Pinecone } from "@pinecone-database/pinecone";
import { afterEach, describe, expect, it } from "vitest";
import {
  along,
  DIMS,
  describeVectorIndexContract,
  GUILD_A,
  GUILD_B,
  record,
  seedA,
} from "./ai-vector-contract.ts";

const servers: PineconeTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(options: Partial<PineconeVectorIndexOptions> = {}, dimension = DIMS) {
  const server = await startPineconeTestServer({ dimension });
  servers.push(server);
  const client = new Pinecone({ apiKey: server.apiKey });
  const index = createPineconeVectorIndex({ client, host: server.host, dimensions: dimension, ...options });
  return { server, index };
}

const calls = (server: PineconeTestServer, path: string) =>
  server.requests.filter((request) => request.path === path);

describeVectorIndexContract(
  "Pinecone adapter against the Pinecone-protocol server",
  async () => (await serve()).index,
);

describe("Pinecone adapter against the Pinecone-protocol server", () => {
  it("writes each guild to its own namespace with createdAt as a number", async () => {
    const { server, index } = await serve();
    await index.upsert(GUILD_A, seedA());
    const [upsert] = calls(server, "/vectors/upsert");
    expect(upsert?.body).toMatchObject({ namespace: GUILD_A });
    const sent =
      (upsert?.body as { vectors: { metadata: { createdAt: unknown } }[] } | undefined)?.vectors ?? [];
    expect(typeof sent[0]?.metadata.createdAt).toBe("number");
    expect(server.ids(GUILD_B)).toEqual([]);
  });

  it("adds each request's shape to the current span, for the cost report", async () => {
    const { server, index } = await serve();
    const recorder = createTraceRecorder();
    let header: string | undefined;
    try {
      await recorder.span("job memory.remember", async () => {
        header = recorder.header();
        await index.upsert(GUILD_A, seedA());
        await index.query(GUILD_A, along(0), { topK: 3 });
      });
    } finally {
      recorder.close();
    }
    const root = /Root=([^;]+)/.exec(header ?? "")?.[1] ?? "";
    const job = recorder.spans(root).find((span) => span.name === "job memory.remember");
    // Bytes as Pinecone bills writes: 4 a dimension, plus each id and its metadata as JSON.
    const sent = calls(server, "/vectors/upsert").flatMap(
      (request) => (request.body as { vectors: Record<string, unknown>[] }).vectors,
    );
    const bytes = sent.reduce(
      (sum, vector) =>
        sum +
        4 * DIMS +
        Buffer.byteLength(String(vector.id)) +
        Buffer.byteLength(JSON.stringify(vector.metadata)),
      0,
    );
    expect(job?.events).toEqual([
      {
        name: "pinecone.request",
        attributes: { operation: "upsert", records: sent.length, recordBytes: bytes },
      },
      { name: "pinecone.request", attributes: { operation: "query", records: 0, recordBytes: 0 } },
    ]);
  });

  it("sends filters as $eq and an inclusive $gte / $lte range on createdAt", async () => {
    const { server, index } = await serve();
    await index.upsert(GUILD_A, seedA());
    await index.query(GUILD_A, along(0), { topK: 3, filter: { authorId: "70", after: 5, before: 9 } });
    expect(calls(server, "/query")[0]?.body).toMatchObject({
      namespace: GUILD_A,
      filter: { authorId: { $eq: "70" }, createdAt: { $gte: 5, $lte: 9 } },
      includeMetadata: true,
    });
  });

  it("splits a large upsert into requests of at most 1,000 records and 2 MB", async () => {
    const dims = 1536;
    const { server, index } = await serve({}, dims);
    const vector = Float32Array.from({ length: dims }, (_, i) => Math.sin(i + 0.5));
    const records = Array.from({ length: 1_200 }, (_, i) => ({ ...record(GUILD_A, `20:${i}:0`, vector) }));
    await index.upsert(GUILD_A, records);
    const upserts = calls(server, "/vectors/upsert");
    expect(upserts.length).toBeGreaterThan(2);
    for (const request of upserts) {
      expect(Buffer.byteLength(JSON.stringify(request.body))).toBeLessThanOrEqual(2 * 1024 * 1024);
      expect((request.body as { vectors: unknown[] }).vectors.length).toBeLessThanOrEqual(1_000);
    }
    expect(server.ids(GUILD_A)).toHaveLength(1_200);
  });

  it("erases a channel by listing ids by prefix over several pages", async () => {
    const { server, index } = await serve();
    const records = Array.from({ length: 250 }, (_, i) => record(GUILD_A, `20:${i}:0`, along(i)));
    await index.upsert(GUILD_A, [...records, record(GUILD_A, "21:1:0", along(0), { channelId: "21" })]);
    expect(await index.deleteByFilter(GUILD_A, { channelId: "20" })).toBe(250);
    expect(calls(server, "/vectors/list")).toHaveLength(3);
    expect(server.ids(GUILD_A)).toEqual(["21:1:0"]);
  });

  it("erases with one metadata-filtered delete when configured so, without a count", async () => {
    const { server, index } = await serve({ erasure: "metadata" });
    await index.upsert(GUILD_A, seedA());
    expect(await index.deleteByFilter(GUILD_A, { authorId: "70" })).toBeUndefined();
    expect(calls(server, "/vectors/delete")[0]?.body).toMatchObject({ filter: { authorId: { $eq: "70" } } });
    expect(server.ids(GUILD_A)).toEqual(["20:2:0"]);
  });

  it("retries a 503 through the SDK and then succeeds", async () => {
    const { server, index } = await serve();
    server.failNext(503);
    await index.upsert(GUILD_A, seedA());
    expect(calls(server, "/vectors/upsert")).toHaveLength(2);
    expect(server.ids(GUILD_A)).toHaveLength(3);
  });

  it("fails with a non-retryable KnowledgeServiceError when the API key is rejected", async () => {
    const { server } = await serve();
    const client = new Pinecone({ apiKey: "wrong" });
    const index = createPineconeVectorIndex({ client, host: server.host, dimensions: DIMS });
    const failure = await index.query(GUILD_A, along(0), { topK: 1 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KnowledgeServiceError);
    expect(failure).toMatchObject({ service: "vectors", details: { status: 401, retryable: false } });
  });

  it("never sends a request for a namespace that is not a guild id", async () => {
    const { server, index } = await serve();
    await expect(index.query("", along(0), { topK: 1 })).rejects.toThrow(/guild id/);
    await expect(index.delete("all", ["x"])).rejects.toThrow(/guild id/);
    expect(server.requests).toHaveLength(0);
  });
});
