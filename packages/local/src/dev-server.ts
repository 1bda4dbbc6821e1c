import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { toApiGatewayEvent } from "./api-gateway-event.ts";

export type ApiGatewayHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

export interface DevServerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** The Lambda's HTTP handler (`createHttpHandler(endpoint)`); it answers every path but /health. */
  handler: ApiGatewayHandler;
  /** Reported by `GET /health`: 200 while `ready`, 503 otherwise (starting, or a stand-in down). */
  health():
    | Promise<{ ready: boolean } & Record<string, unknown>>
    | ({ ready: boolean } & Record<string, unknown>);
  /** Answers `GET /metrics`: the bot's metrics in Prometheus text format. */
  metrics?(): Promise<{ contentType: string; text: string }>;
  /** Answers `GET /_local/traces/{id}`: the spans of one trace, for the simulator's `--trace`. */
  traceSpans?(traceId: string): unknown[];
  /** Answers `GET /_local/jobs/{id}`: what became of a job, for the simulator. */
  jobState?(id: string): string | undefined;
  /** Bytes of body buffered at most; the rest is discarded (default 1 MiB). */
  maxBufferBytes?: number;
  /** Answers what the bot does not (the dashboard's app); resolves whether it answered. */
  assets?(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
}

/** Raised when the dev server's port is taken; the message says how to pick another. */
export class PortInUseError extends Error {
  override name = "PortInUseError";
  constructor(readonly port: number) {
    super(
      `port ${port} is already in use: stop what runs there, or start with another PORT (PORT=8788 npm run dev)`,
    );
  }
}

export interface DevServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Buffers at most `limit + 1` bytes, so the handler still sees that the body is too large. */
function readBody(request: IncomingMessage, limit: number): Promise<{ body: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, and the answer goes out without waiting for it.
    request.on("data", (chunk: Buffer) => {
      if (size > limit) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) resolve({ body: Buffer.concat(chunks).subarray(0, limit + 1), truncated: true });
    });
    // A small body arrives in one chunk: hand that over rather than copying it.
    request.once("end", () =>
      resolve({
        body: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks),
        truncated: false,
      }),
    );
    request.once("error", reject);
  });
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2, close: boolean) {
  const headers: OutgoingHttpHeaders = {};
  for (const name in result.headers) headers[name] = String(result.headers[name]);
  if (result.cookies?.length) headers["set-cookie"] = result.cookies;
  if (close) headers.connection = "close";
  response.writeHead(result.statusCode ?? 200, headers);
  const { body, isBase64Encoded } = result;
  response.end(body && isBase64Encoded ? Buffer.from(body, "base64") : body);
}

// The local routes and the dashboard's assets answer only reads; anything else goes straight to
// the handler, so a POSTed interaction pays for none of their checks.
async function serveLocal(options: DevServerOptions, request: IncomingMessage, response: ServerResponse) {
  if (request.url === "/health" && request.method === "GET") {
    const health = await options.health();
    const status = health.ready ? "ok" : health.starting === false ? "degraded" : "starting";
    const body = JSON.stringify({ status, ...health });
    response.writeHead(health.ready ? 200 : 503, { "content-type": "application/json" }).end(body);
    return true;
  }
  if (request.url === "/metrics" && request.method === "GET" && options.metrics) {
    const { contentType, text } = await options.metrics();
    response.writeHead(200, { "content-type": contentType }).end(text);
    return true;
  }
  const traced = /^\/_local\/traces\/([0-9a-f-]{32,35})$/.exec(request.url ?? "");
  if (traced?.[1] && request.method === "GET" && options.traceSpans) {
    const body = JSON.stringify({ traceId: traced[1], spans: options.traceSpans(traced[1]) });
    response.writeHead(200, { "content-type": "application/json" }).end(body);
    return true;
  }
  const job = /^\/_local\/jobs\/(\d{1,20})$/.exec(request.url ?? "");
  if (job?.[1] && request.method === "GET" && options.jobState) {
    const body = JSON.stringify({ id: job[1], state: options.jobState(job[1]) ?? "pending" });
    response.writeHead(200, { "content-type": "application/json" }).end(body);
    return true;
  }
  return (await options.assets?.(request, response)) ?? false;
}

async function serve(options: DevServerOptions, request: IncomingMessage, response: ServerResponse) {
  const reads = request.method === "GET" || request.method === "HEAD";
  if (reads && (await serveLocal(options, request, response))) return;
  const { body, truncated } = await readBody(request, options.maxBufferBytes ?? 1024 * 1024);
  send(response, await options.handler(toApiGatewayEvent(request, body)), truncated);
}

/**
 * The local stand-in for API Gateway: turns each request into the HTTP API event the Lambda
 * receives and calls the same handler; `GET /health` reports readiness of the local runtime.
 *
 * @example
 * const server = await startDevServer({ port: 8787, handler: createHttpHandler(endpoint), health: () => ({ ready: true }) });
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const server = createServer((request, response) => {
    serve(options, request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "internal error", message }));
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new PortInUseError(options.port) : error),
    );
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
