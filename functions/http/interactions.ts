import { createHttpHandler } from "@megawatts/runtime/http";
import { composeLambdaIngress, lambdaIngressMetrics } from "@megawatts/runtime/lambda-ingress";
import { createLogger, lambdaInvocation, toCoreLogger } from "@megawatts/runtime/logger";
import { ingressResources } from "../linked/ingress.ts";

// Built once per container and reused by every invocation.
const logger = createLogger("ingress");
const coreLogger = toCoreLogger(logger);
const metrics = lambdaIngressMetrics(coreLogger);
const endpoint = composeLambdaIngress(ingressResources(), { logger: coreLogger, metrics: metrics.metrics });

/** `POST /interactions`: verify, answer or defer inside Discord's 3-second window. */
export const handler = createHttpHandler(endpoint, lambdaInvocation(logger, metrics.flush));
