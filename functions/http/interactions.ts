import { createHttpHandler } from "@megawatts/runtime/http";
import { composeLambdaIngress } from "@megawatts/runtime/lambda-ingress";
import {
  createLogger,
  createMetrics,
  lambdaInvocation,
  toCoreLogger,
  toCoreMetrics,
} from "@megawatts/runtime/observability";
import { ingressResources } from "../linked/ingress.ts";

// Built once per container and reused by every invocation.
const logger = createLogger("ingress");
const metrics = createMetrics("ingress");
const endpoint = composeLambdaIngress(ingressResources(), {
  logger: toCoreLogger(logger),
  // The ack time reaches CloudWatch from the `interaction.answered` line (metric filter).
  metrics: toCoreMetrics(metrics, { fromLogLines: true }),
});

/** `POST /interactions`: verify, answer or defer inside Discord's 3-second window. */
export const handler = createHttpHandler(endpoint, lambdaInvocation(logger, metrics));
