import { trace } from "@opentelemetry/api";

/** What one OpenAI or Pinecone request used, as its response or its shape says. */
export type UsageEvent =
  | { name: "openai.usage"; attributes: { model: string; inputTokens: number; outputTokens: number } }
  | { name: "pinecone.request"; attributes: { operation: string; records: number; recordBytes: number } };

/**
 * Adds a request's usage to the current span as an event, so a trace shows what each OpenAI
 * and Pinecone call used (and `npm run cost` can price it). It does nothing unless an
 * OpenTelemetry tracer is active: locally it is; in Lambda X-Ray shows the calls without it.
 *
 * @example
 * recordUsage({ name: "openai.usage", attributes: { model, inputTokens: 12, outputTokens: 0 } });
 */
export function recordUsage(event: UsageEvent): void {
  trace.getActiveSpan()?.addEvent(event.name, event.attributes);
}
