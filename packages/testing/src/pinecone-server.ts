import { PineconeFilterError } from "./pinecone-server-filter.ts";
import { PineconeArgumentError, PineconeStore, type StoredVector } from "./pinecone-server-store.ts";
import { fixture, type RecordedRequest, type Reply, startProtocolServer } from "./protocol-server.ts";

export type { RecordedRequest } from "./protocol-server.ts";

export interface PineconeTestServerOptions {
  /** The `Api-Key` header requests must carry (default `pc-test`). */
  apiKey?: string;
  /** The index's dimension; taken from the first upsert when omitted. */
  dimension?: number;
}

export interface PineconeTestServer {
  /** `http://127.0.0.1:<port>`: pass it as the index `host`. */
  host: string;
  apiKey: string;
  requests: RecordedRequest[];
  /** Record ids per namespace, for assertions. */
  ids(namespace: string): string[];
  /** Answers the next `times` requests with `status` (5xx) and Pinecone's error body. */
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

interface QueryBody {
  namespace?: string;
  topK: number;
  vector?: number[];
  id?: string;
  filter?: unknown;
  includeValues?: boolean;
  includeMetadata?: boolean;
}

/**
 * Starts a server speaking Pinecone's data-plane API as the `@pinecone-database/pinecone` SDK
 * calls it: `POST /vectors/upsert`, `POST /query` (exact cosine, metadata filters,
 * namespaces), `POST /vectors/delete` (ids, `deleteAll`, filter), `GET /vectors/list`
 * (prefix, pagination) and `POST /describe_index_stats`, checking the `Api-Key` header.
 *
 * @example
 * const server = await startPineconeTestServer({ dimension: 8 });
 * const index = new Pinecone({ apiKey: server.apiKey }).index({ host: server.host });
 */
export async function startPineconeTestServer(
  options: PineconeTestServerOptions = {},
): Promise<PineconeTestServer> {
  const apiKey = options.apiKey ?? "pc-test";
  const store = new PineconeStore(options.dimension);
  const failures: number[] = [];
  const server = await startProtocolServer((request) => {
    if (request.headers["api-key"] !== apiKey)
      return { status: 401, body: fixture("pinecone/error-unauthorized.json") };
    const failure = failures.shift();
    if (failure !== undefined) return { status: failure, body: fixture("pinecone/error-internal.json") };
    try {
      return route(store, request);
    } catch (error) {
      if (!(error instanceof PineconeArgumentError || error instanceof PineconeFilterError)) throw error;
      return {
        status: 400,
        body: { ...fixture<object>("pinecone/error-bad-request.json"), message: error.message },
      };
    }
  });
  return {
    host: server.url,
    apiKey,
    requests: server.requests,
    ids: (namespace) => [...(store.namespaces.get(namespace)?.keys() ?? [])].sort(),
    failNext: (status, times = 1) => failures.push(...Array.from({ length: times }, () => status)),
    close: server.close,
  };
}

function route(store: PineconeStore, request: RecordedRequest): Reply {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const namespace = String(body.namespace ?? request.query.namespace ?? "");
  switch (`${request.method} ${request.path}`) {
    case "POST /vectors/upsert":
      return {
        status: 200,
        body: { upsertedCount: store.upsert(namespace, body.vectors as StoredVector[]) },
      };
    case "POST /query":
      return { status: 200, body: query(store, namespace, body as unknown as QueryBody) };
    case "POST /vectors/delete":
      store.delete(namespace, body);
      return { status: 200, body: {} };
    case "GET /vectors/list":
      return { status: 200, body: list(store, namespace, request.query) };
    case "POST /describe_index_stats":
    case "GET /describe_index_stats":
      return { status: 200, body: stats(store) };
    default:
      return {
        status: 404,
        body: { code: 5, message: `Not found: ${request.method} ${request.path}`, details: [] },
      };
  }
}

function query(store: PineconeStore, namespace: string, body: QueryBody) {
  const limit = body.includeMetadata || body.includeValues ? 1_000 : 10_000;
  if (!Number.isInteger(body.topK) || body.topK < 1 || body.topK > limit) {
    throw new PineconeArgumentError(`topK must be between 1 and ${limit}`);
  }
  const values = body.vector ?? store.namespaces.get(namespace)?.get(body.id ?? "")?.values;
  if (!values) throw new PineconeArgumentError("a query needs a vector or the id of a stored record");
  const matches = store.query(namespace, values, body.topK, body.filter).map(({ vector, score }) => ({
    id: vector.id,
    score,
    values: body.includeValues ? vector.values : [],
    ...(body.includeMetadata && vector.metadata ? { metadata: vector.metadata } : {}),
  }));
  return { ...fixture<object>("pinecone/query.json"), matches, namespace, usage: { readUnits: 5 } };
}

function list(store: PineconeStore, namespace: string, params: Record<string, string>) {
  const limit = Number(params.limit ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new PineconeArgumentError("limit must be 1 to 100");
  const after = params.paginationToken
    ? Buffer.from(params.paginationToken, "base64url").toString()
    : undefined;
  const ids = store.list(namespace, params.prefix ?? "", limit + 1, after);
  const page = ids.slice(0, limit);
  const next = ids.length > limit ? Buffer.from(page.at(-1) as string).toString("base64url") : undefined;
  return {
    vectors: page.map((id) => ({ id })),
    ...(next ? { pagination: { next } } : {}),
    namespace,
    usage: { readUnits: 1 },
  };
}

function stats(store: PineconeStore) {
  const namespaces = Object.fromEntries(
    [...store.namespaces].map(([name, space]) => [name, { vectorCount: space.size }]),
  );
  const total = Object.values(namespaces).reduce((sum, { vectorCount }) => sum + vectorCount, 0);
  const shape = fixture<object>("pinecone/describe-index-stats.json");
  return { ...shape, namespaces, dimension: store.dimension ?? 0, totalVectorCount: total };
}
