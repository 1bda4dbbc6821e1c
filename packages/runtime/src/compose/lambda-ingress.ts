import type { Logger, Metrics } from "@megawatts/core";
import { isFromLogLines } from "../log-metrics.ts";
import { metricsOnDemand } from "../metrics-on-demand.ts";
import { ingressEndpoint } from "./ingress-endpoint.ts";
import type { LambdaIngressResources } from "./lambda-interactions.ts";

/**
 * The ingress as the Lambda runs it: the HTTP edge answers Discord's PING, and the first other
 * interaction loads the rest from one chunk (lambda-interactions.ts): the use case, the plugins
 * with their registry (CI checked the catalog the Lambda ships), and the signed `fetch` calls to
 * SQS and DynamoDB that stand in for the SDK's clients. A cold start that answers a PING reads
 * and compiles none of it; one that answers a command reads it as one file.
 *
 * @example
 * export const endpoint = composeLambdaIngress(resources, { logger, metrics });
 */
export function composeLambdaIngress(
  resources: LambdaIngressResources,
  observability: { logger: Logger; metrics: Metrics },
) {
  return ingressEndpoint({ publicKey: resources.publicKey, ...observability }, async () =>
    (await import("./lambda-interactions.ts")).lambdaInteractionHandler(resources, observability),
  );
}

/**
 * The Lambda ingress's metrics: Powertools' EMF lines, loaded with the first metric recorded. A
 * PING records none (CloudWatch derives its ack time from its log line: `metricsFromLogLines`),
 * so a cold start that answers a PING does not load Powertools' Metrics. Should they fail to
 * load, `logger` says how many metrics were dropped, and the answer still goes out.
 *
 * @example
 * const metrics = lambdaIngressMetrics(toCoreLogger(logger));
 * export const handler = createHttpHandler(endpoint, lambdaInvocation(logger, metrics.flush));
 */
export function lambdaIngressMetrics(logger: Logger) {
  return metricsOnDemand(
    async () => {
      const { createMetrics, flushMetrics, toCoreMetrics } = await import("../metrics.ts");
      const emf = createMetrics("ingress");
      return { metrics: toCoreMetrics(emf), flush: () => flushMetrics(emf) };
    },
    {
      skip: isFromLogLines,
      onError: (error, dropped) =>
        logger.error("metrics.unavailable", {
          dropped,
          error: error instanceof Error ? error.message : String(error),
        }),
    },
  );
}
