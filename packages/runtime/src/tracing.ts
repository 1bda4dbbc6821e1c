import { Tracer } from "@aws-lambda-powertools/tracer";
import type { Tracing } from "./observability.ts";
import { lambdaTraceHeader } from "./trace-header.ts";

/**
 * X-Ray tracing for the worker Lambdas (Powertools Tracer under Lambda active tracing). The
 * function's segment comes from Lambda; each job gets a subsegment, annotated so it can be
 * found by interaction id, and every AWS SDK call and `fetch` (Discord REST, Upstash,
 * Pinecone, OpenAI, GitHub) a subsegment of its own. The ingress does not load this: active
 * tracing and the trace header it puts on each job's message (`AWSTraceHeader`) are all it needs.
 *
 * @example
 * const tracing = xrayTracing();
 * const dynamodb = tracing.instrument(new DynamoDBClient({}));
 */
export function xrayTracing(serviceName = "megawatts"): Tracing {
  const tracer = new Tracer({ serviceName });
  return {
    async span(name, work, options = {}) {
      const parent = tracer.getSegment();
      if (!parent || !tracer.isTracingEnabled()) return work();
      const subsegment = parent.addNewSubsegment(name);
      for (const [key, value] of Object.entries(options.attributes ?? {}))
        subsegment.addAnnotation(key, value);
      tracer.setSegment(subsegment);
      try {
        return await work();
      } catch (error) {
        subsegment.addError(error as Error);
        throw error;
      } finally {
        subsegment.close();
        tracer.setSegment(parent);
      }
    },
    instrument: (client) => tracer.captureAWSv3Client(client),
    header: lambdaTraceHeader,
  };
}
