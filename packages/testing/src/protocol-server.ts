import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request a protocol test server received, in arrival order. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage["headers"];
  /** The parsed JSON body; `undefined` for a request without one. */
  body: unknown;
}

/** What a route answers: a status, a JSON body and any extra headers. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Route = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface ProtocolServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Raised by a route to answer with an error status and body. */
export class ProtocolReplyError extends Error {
  override name = "ProtocolReplyError";
  constructor(readonly reply: Reply) {
    super(`protocol error ${reply.status}`);
  }
}

/**
 * Starts a JSON-over-HTTP server on 127.0.0.1 and a free port that records every request and
 * hands it to `route`.
 *
 * @example
 * const server = await startProtocolServer(() => ({ status: 200, body: { ok: true } }));
 */
export async function startProtocolServer(route: Route): Promise<ProtocolServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => void handle(request, response, route, requests));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  route: Route,
  log: RecordedRequest[],
) {
  let reply: Reply;
  try {
    const url = new URL(request.url ?? "/", "http://localhost");
    const text = await readText(request);
    const recorded: RecordedRequest = {
      method: request.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: text === "" ? undefined : JSON.parse(text),
    };
    log.push(recorded);
    reply = await route(recorded);
  } catch (error) {
    reply =
      error instanceof ProtocolReplyError
        ? error.reply
        : { status: 400, body: { error: { message: `bad request: ${String(error)}` } } };
  }
  response.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
  response.end(JSON.stringify(reply.body));
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A trimmed payload recorded from the real service, from `packages/testing/fixtures/`.
 *
 * @example
 * const shape = fixture<{ object: string }>("openai/embeddings.json");
 */
export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8")) as T;
}
