import type {
  Clock,
  InteractionRef,
  InteractionResponder,
  Job,
  JobQueue,
  Logger,
  Metrics,
  ResponderMessage,
} from "@megawatts/core";

/** A queue that keeps what was enqueued, for asserting on deferred work. */
export class RecordingQueue implements JobQueue {
  readonly jobs: Job[] = [];
  async enqueue(job: Job) {
    this.jobs.push(job);
  }
}

/** A responder that keeps every edit and follow-up in order. */
export class RecordingResponder implements InteractionResponder {
  readonly sent: { kind: "edit" | "followUp"; interactionId: string; message: ResponderMessage }[] = [];
  async editOriginal(interaction: InteractionRef, message: ResponderMessage) {
    this.sent.push({ kind: "edit", interactionId: interaction.id, message });
  }
  async followUp(interaction: InteractionRef, message: ResponderMessage) {
    this.sent.push({ kind: "followUp", interactionId: interaction.id, message });
  }
}

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  constructor(private current = Date.parse("2026-01-01T00:00:00Z")) {}
  now() {
    return this.current;
  }
  advance(milliseconds: number) {
    this.current += milliseconds;
  }
}

/** A logger that keeps each line, so tests can assert what was logged (and what was not). */
export class RecordingLogger implements Logger {
  readonly lines: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  #push(level: string) {
    return (message: string, attributes: Record<string, unknown> = {}) => {
      this.lines.push({ level, message, attributes });
    };
  }
  debug = this.#push("debug");
  info = this.#push("info");
  warn = this.#push("warn");
  error = this.#push("error");
}

/** Metrics kept as plain records. */
export class RecordingMetrics implements Metrics {
  readonly records: { name: string; value: number; dimensions?: Record<string, string> }[] = [];
  count(name: string, value = 1, dimensions?: Record<string, string>) {
    this.records.push({ name, value, ...(dimensions ? { dimensions } : {}) });
  }
  gauge(name: string, value: number, dimensions?: Record<string, string>) {
    this.records.push({ name, value, ...(dimensions ? { dimensions } : {}) });
  }
  timing(name: string, milliseconds: number, dimensions?: Record<string, string>) {
    this.records.push({ name, value: milliseconds, ...(dimensions ? { dimensions } : {}) });
  }
}
