import type { RecordedSpan } from "../observability/traces.ts";

const WIDTH = 32;

function depthOf(span: RecordedSpan, byId: Map<string, RecordedSpan>): number {
  let depth = 0;
  for (let parent = span.parentId; parent && byId.has(parent); parent = byId.get(parent)?.parentId)
    depth += 1;
  return depth;
}

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

/**
 * One trace as a waterfall: each span on its own line, indented under its parent, with its
 * start after the trace's first span, its duration, a bar on a common time scale and its
 * error, if any.
 *
 * @example
 * renderWaterfall(spans);
 * //   +0 ms   12 ms ████                ingress POST /interactions
 * //   +3 ms  4.1 ms  █                    SQS SendMessage
 */
export function renderWaterfall(spans: readonly RecordedSpan[]): string {
  if (spans.length === 0) return "(no spans recorded for this trace)";
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const start = Math.min(...spans.map((span) => span.start));
  const end = Math.max(...spans.map((span) => span.start + span.durationMs));
  const scale = WIDTH / Math.max(end - start, 1);
  const lines = spans.map((span) => {
    const offset = span.start - start;
    const from = Math.min(WIDTH - 1, Math.floor(offset * scale));
    const length = Math.max(1, Math.round(span.durationMs * scale));
    const bar = `${" ".repeat(from)}${"█".repeat(Math.min(length, WIDTH - from))}`.padEnd(WIDTH);
    const name = `${"  ".repeat(depthOf(span, byId))}${span.name}`;
    const error = span.error ? `  ✗ ${span.error}` : "";
    return `${`+${ms(offset)}`.padStart(10)} ${ms(span.durationMs).padStart(9)} ${bar} ${name}${error}`;
  });
  return [`Trace: ${spans.length} spans over ${ms(end - start)}`, ...lines].join("\n");
}
