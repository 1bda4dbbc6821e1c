import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { apiGatewayEvent } from "../lib/api-gateway.ts";
import { createPong } from "../lib/pong.ts";

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function lowerCaseHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return headers;
}

function fail(response: ServerResponse, error: unknown) {
  if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
  response.end(String(error));
}

/**
 * A node:http server that calls a Lambda handler with API Gateway v2 events, built as the dev
 * server builds them: the raw body bytes base64-encoded and header names in lower case.
 */
export function lambdaServer(
  handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>,
): Server {
  return createServer((request, response) => {
    readBody(request)
      .then(async (body) => {
        const event = apiGatewayEvent({
          method: request.method ?? "GET",
          path: request.url ?? "/",
          headers: lowerCaseHeaders(request),
          body,
          sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
        });
        const result = await handler(event);
        const headers = Object.fromEntries(
          Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]),
        );
        response.writeHead(result.statusCode ?? 200, headers);
        response.end(
          result.body === undefined
            ? ""
            : Buffer.from(result.body, result.isBase64Encoded ? "base64" : "utf8"),
        );
      })
      .catch((error: unknown) => fail(response, error));
  });
}

/** The baseline server: reads the body, verifies the signature, answers PONG. Nothing else. */
export function bareServer(publicKeyHex: string): Server {
  const pong = createPong(publicKeyHex);
  return createServer((request, response) => {
    readBody(request)
      .then((body) => {
        const signature = request.headers["x-signature-ed25519"];
        const timestamp = request.headers["x-signature-timestamp"];
        const reply = pong(
          typeof signature === "string" ? signature : "",
          typeof timestamp === "string" ? timestamp : "",
          body,
        );
        response.writeHead(reply.statusCode, { "content-type": "application/json" });
        response.end(reply.body);
      })
      .catch((error: unknown) => fail(response, error));
  });
}
