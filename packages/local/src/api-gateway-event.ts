import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { APIGatewayProxyEventV2 } from "aws-lambda";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");
let stamped = { second: -1, text: "" };

/** API Gateway's request time, `07/Dec/2026:16:19:57 +0000`, built once a second. */
function requestTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== stamped.second) {
    const d = new Date(second * 1000);
    const text =
      `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
      `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
    stamped = { second, text };
  }
  return stamped.text;
}

/**
 * The API Gateway HTTP API (payload v2) event for a Node request, as the Lambda receives it:
 * the path and query string as sent, lower-case header names, repeated headers joined with
 * commas, cookies split out, and the body as base64 so the signed bytes arrive unchanged.
 *
 * @example
 * const event = toApiGatewayEvent(request, await readBody(request));
 */
export function toApiGatewayEvent(request: IncomingMessage, body: Buffer): APIGatewayProxyEventV2 {
  const target = request.url ?? "/";
  const mark = target.indexOf("?");
  const rawPath = mark === -1 ? target : target.slice(0, mark);
  const rawQueryString = mark === -1 ? "" : target.slice(mark + 1);
  const params = rawQueryString ? new URLSearchParams(rawQueryString) : undefined;
  const headers: Record<string, string> = {};
  for (const name in request.headers) {
    const value = request.headers[name];
    if (value !== undefined && name !== "cookie")
      headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  const cookies = request.headers.cookie?.split(/;\s*/).filter(Boolean);
  const query = params && params.size > 0 ? Object.fromEntries(params) : undefined;
  const now = Date.now();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: headers.host ?? "localhost",
      domainPrefix: (headers.host ?? "localhost").split(".")[0] ?? "localhost",
      http: {
        method: request.method ?? "GET",
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: requestTime(now),
      timeEpoch: now,
    },
    body: body.toString("base64"),
    isBase64Encoded: true,
  };
}
