import type { Tracing } from "@megawatts/runtime/observability";
import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  type Span,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { AWSXRayIdGenerator } from "@opentelemetry/id-generator-aws-xray";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { AWSXRayPropagator, AWSXRAY_TRACE_ID_HEADER as HEADER } from "@opentelemetry/propagator-aws-xray";
import { BasicTracerProvider, type ReadableSpan, type SpanProcessor } from "@opentelemetry/sdk-trace-base";

/** One finished span as `GET /_local/traces/{id}` serves it. */
export interface RecordedSpan {
  name: string;
  spanId: string;
  parentId?: string;
  /** Epoch milliseconds. */
  start: number;
  durationMs: number;
  error?: string;
  attributes: Record<string, string | number | boolean>;
  /** What the span's OpenAI and Pinecone requests used (`recordUsage` in `@megawatts/ai`), when any. */
  events?: { name: string; attributes: Record<string, string | number | boolean> }[];
}

type Attributes = RecordedSpan["attributes"];
/** Attributes with a single value each (the ones a trace shows). */
const scalars = (attributes: Record<string, unknown>): Attributes =>
  Object.fromEntries(
    Object.entries(attributes).filter(
      (entry): entry is [string, string | number | boolean] => !Array.isArray(entry[1]) && entry[1] != null,
    ),
  );

const xray = new AWSXRayPropagator();

/** Finished spans grouped by trace, the oldest traces forgotten past `maxTraces`. */
class TraceStore implements SpanProcessor {
  readonly #traces = new Map<string, RecordedSpan[]>();
  constructor(private readonly maxTraces: number) {}

  onStart() {}
  onEnd(span: ReadableSpan) {
    const { traceId, spanId } = span.spanContext();
    const [seconds, nanos] = span.startTime;
    const [durationSeconds, durationNanos] = span.duration;
    const recorded: RecordedSpan = {
      name: span.name,
      spanId,
      ...(span.parentSpanContext?.spanId ? { parentId: span.parentSpanContext.spanId } : {}),
      start: seconds * 1000 + nanos / 1e6,
      durationMs: durationSeconds * 1000 + durationNanos / 1e6,
      ...(span.status.code === SpanStatusCode.ERROR ? { error: span.status.message ?? "error" } : {}),
      attributes: scalars(span.attributes),
      ...(span.events.length > 0
        ? {
            events: span.events.map((event) => ({
              name: event.name,
              attributes: scalars(event.attributes ?? {}),
            })),
          }
        : {}),
    };
    const spans = this.#traces.get(traceId) ?? [];
    if (spans.length === 0 && this.#traces.size >= this.maxTraces) {
      const oldest = this.#traces.keys().next().value;
      if (oldest) this.#traces.delete(oldest);
    }
    this.#traces.set(traceId, [...spans, recorded]);
  }
  async forceFlush() {}
  async shutdown() {}

  spans(traceId: string): RecordedSpan[] {
    return [...(this.#traces.get(traceId) ?? [])].sort((a, b) => a.start - b.start);
  }
}

/** The capacity units a DynamoDB response reports (one entry, or one per table in a batch). */
function capacityUnits(output: unknown): number | undefined {
  const consumed = (output as { ConsumedCapacity?: unknown } | undefined)?.ConsumedCapacity;
  if (consumed === undefined) return undefined;
  const entries = (Array.isArray(consumed) ? consumed : [consumed]) as { CapacityUnits?: number }[];
  return entries.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
}

// One context manager per process: every local bot in it shares how the current span is found.
let contextManager: AsyncLocalStorageContextManager | undefined;

export interface TraceRecorder extends Tracing {
  /** The spans of one trace, by its X-Ray root (`1-…-…`) or its 32-hex id, oldest first. */
  spans(traceId: string): RecordedSpan[];
  /** Stops recording `fetch` calls. */
  close(): void;
}

/**
 * The local runtime's tracing: OpenTelemetry spans with X-Ray ids, kept in memory for the last
 * `maxTraces` traces. AWS SDK calls and `fetch` calls (Discord REST, the Upstash bridge,
 * Pinecone, OpenAI, GitHub) made inside a span get a span each (an SDK middleware, undici's
 * instrumentation), and the trace crosses the local queue as the message attribute
 * `AWSTraceHeader` (AWS sets the system attribute of that name itself).
 *
 * @example
 * const recorder = createTraceRecorder();
 * await recorder.span("ingress", () => handler(event));
 * recorder.spans("1-6759c0de-0123456789abcdef01234567");
 */
export function createTraceRecorder(options: { maxTraces?: number } = {}): TraceRecorder {
  if (!contextManager) {
    contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
  }
  const store = new TraceStore(options.maxTraces ?? 500);
  const provider = new BasicTracerProvider({
    idGenerator: new AWSXRayIdGenerator(),
    spanProcessors: [store],
  });
  const tracer = provider.getTracer("megawatts");
  // Only calls made while handling something: the simulator's and the tests' polling stay out.
  const fetches = new UndiciInstrumentation({
    requireParentforSpans: true,
    // "PATCH 127.0.0.1:4000" says which service was called, where "PATCH" alone would not.
    requestHook: (span, request) => span.updateName(`${request.method} ${new URL(request.origin).host}`),
  });
  fetches.setTracerProvider(provider);
  fetches.enable();

  const run = async <T>(
    name: string,
    work: (span: Span) => Promise<T>,
    attributes?: Record<string, string>,
  ) =>
    tracer.startActiveSpan(name, attributes ? { attributes } : {}, async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
        throw error;
      } finally {
        span.end();
      }
    });

  return {
    span(name, work, spanOptions = {}) {
      if (!spanOptions.parent) return run(name, () => work(), spanOptions.attributes);
      const parent = xray.extract(ROOT_CONTEXT, { [HEADER]: spanOptions.parent }, defaultTextMapGetter);
      return context.with(parent, () => run(name, () => work(), spanOptions.attributes));
    },
    instrument(client) {
      const stack = client.middlewareStack as unknown as {
        add(
          middleware: (
            next: (args: { input: Record<string, unknown> }) => Promise<{ output?: unknown }>,
            context: { clientName?: string; commandName?: string },
          ) => (args: { input: Record<string, unknown> }) => Promise<unknown>,
          options: { step: "initialize"; name: string },
        ): void;
      };
      stack.add(
        (next, { clientName = "", commandName = "" }) =>
          (args) => {
            const service = clientName.replace(/Client$/, "");
            const operation = commandName.replace(/Command$/, "");
            // Locally DynamoDB is asked what each call consumed, so a trace (and `npm run cost`) shows it.
            if (service === "DynamoDB") args.input.ReturnConsumedCapacity ??= "TOTAL";
            // As for `fetch`, only calls made while handling something: the queue runners' polls
            // and deletes would each start a trace of their own that nothing can look up, and
            // push the interactions' traces out of the store.
            if (!trace.getSpan(context.active())) return next(args);
            return run(
              `${service} ${operation}`,
              async (span) => {
                const result = await next(args);
                const units = capacityUnits(result.output);
                if (units !== undefined) span.setAttribute("aws.dynamodb.capacity_units", units);
                return result;
              },
              { "aws.service": service, "aws.operation": operation },
            );
          },
        { step: "initialize", name: "megawattsTraceSpan" },
      );
      return client;
    },
    header() {
      const carrier: Record<string, string> = {};
      xray.inject(context.active(), carrier, defaultTextMapSetter);
      return carrier[HEADER];
    },
    spans: (traceId) => store.spans(/^1-/.test(traceId) ? traceId.slice(2).replace("-", "") : traceId),
    close: () => fetches.disable(),
  };
}
