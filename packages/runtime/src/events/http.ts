import type { HttpRequest, HttpResponse } from "@megawatts/discord/http";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";

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

/** What a handler does around each invocation (in Lambda, `lambdaInvocation` from logger.ts). */
export interface InvocationHooks {
  /** Before the endpoint runs, with the invocation's Lambda context (absent in the local runtime). */
  begin?(context: Context): void;
  /** Once the endpoint has answered or failed; the answer goes out once it has settled. */
  end?(): void | Promise<void>;
}

/**
 * Adapts an endpoint to an API Gateway HTTP API Lambda handler. The local dev server calls
 * the same handler with events it builds from Node requests.
 *
 * @example
 * export const handler = createHttpHandler(endpoint, lambdaInvocation(logger, metrics.flush));
 */
export function createHttpHandler(endpoint: HttpEndpoint, hooks: InvocationHooks = {}) {
  return async (
    event: APIGatewayProxyEventV2,
    context?: Context,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    if (context) hooks.begin?.(context);
    try {
      return await endpoint(toHttpRequest(event));
    } finally {
      await hooks.end?.();
    }
  };
}
