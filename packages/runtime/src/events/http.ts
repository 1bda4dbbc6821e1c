import type { HttpRequest, HttpResponse } from "@megawatts/discord/http";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

export type HttpEndpoint = (request: HttpRequest) => Promise<HttpResponse>;

/** Turns an API Gateway HTTP API (payload v2) event into the raw request the endpoint verifies. */
export function toHttpRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const body = event.body ?? "";
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    headers: event.headers,
    body: Buffer.from(body, event.isBase64Encoded ? "base64" : "utf8"),
  };
}

/**
 * Adapts an endpoint to an API Gateway HTTP API Lambda handler. The local dev server calls
 * the same handler with events it builds from Node requests.
 *
 * @example
 * export const handler = createHttpHandler(endpoint, () => flushMetrics(metrics));
 */
export function createHttpHandler(endpoint: HttpEndpoint, afterEach: () => void = () => {}) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      return await endpoint(toHttpRequest(event));
    } finally {
      afterEach();
    }
  };
}
