import { Logger } from "@aws-lambda-powertools/logger";
import type { Logger as CoreLogger } from "@megawatts/core";
import type { Context } from "aws-lambda";

// Apart from the metrics (metrics.ts), so the Lambda ingress can load Powertools' Metrics only
// when it first records one (`metricsOnDemand`).

/**
 * One JSON line per event, with the service name and, in Lambda, the invocation's request id
 * (`function_request_id`, see `lambdaInvocation`). `POWERTOOLS_LOG_LEVEL` sets the level.
 *
 * @example
 * const logger = createLogger("ingress");
 */
export function createLogger(component: string): Logger {
  return new Logger({ serviceName: "megawatts", persistentKeys: { component } });
}

/** Adapts Powertools' Logger to the core port; attributes become top-level JSON keys. */
export function toCoreLogger(logger: Logger): CoreLogger {
  return {
    debug: (message, attributes = {}) => logger.debug(message, attributes),
    info: (message, attributes = {}) => logger.info(message, attributes),
    warn: (message, attributes = {}) => logger.warn(message, attributes),
    error: (message, attributes = {}) => logger.error(message, attributes),
  };
}

/**
 * What a Lambda HTTP handler does around each invocation: the logger's lines carry the
 * invocation's request id and cold start (Powertools' `addContext`), and the metrics the
 * invocation stored go out at its end (`flush`).
 *
 * @example
 * export const handler = createHttpHandler(endpoint, lambdaInvocation(logger, () => flushMetrics(metrics)));
 */
export function lambdaInvocation(logger: Logger, flush: () => void | Promise<void>) {
  return {
    begin: (context: Context) => logger.addContext(context),
    end: flush,
  };
}
