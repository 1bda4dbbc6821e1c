import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";

export interface RawRequest {
  method: string;
  path: string;
  /** Header names in lower case, as API Gateway delivers them. */
  headers: Record<string, string>;
  body: Buffer;
  sourceIp?: string;
}

/**
 * An API Gateway HTTP API (payload v2) event for a request: the raw body base64-encoded and
 * header names in lower case, as API Gateway delivers a POST from Discord.
 */
export function apiGatewayEvent(request: RawRequest, now = Date.now()): APIGatewayProxyEventV2 {
  const [path = "/", rawQueryString = ""] = request.path.split("?", 2);
  return {
    version: "2.0",
    routeKey: `${request.method} ${path}`,
    rawPath: path,
    rawQueryString,
    headers: request.headers,
    requestContext: {
      accountId: "000000000000",
      apiId: "bench",
      domainName: request.headers.host ?? "localhost",
      domainPrefix: "localhost",
      http: {
        method: request.method,
        path,
        protocol: "HTTP/1.1",
        sourceIp: request.sourceIp ?? "127.0.0.1",
        userAgent: request.headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: `${request.method} ${path}`,
      stage: "$default",
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    body: request.body.toString("base64"),
    isBase64Encoded: true,
  };
}
