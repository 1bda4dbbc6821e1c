import type { SinkEvent } from "../discord-sink.ts";

export interface FollowOptions {
  /** The sink's REST base, e.g. `http://127.0.0.1:4000/api/v10`. */
  sinkUrl: string;
  token: string;
  onEvent(event: SinkEvent): void | Promise<void>;
  /** Stop after this long without a new event, once one has arrived (default 3 s). */
  idleMs?: number;
  /** Stop after this long in any case (default 15 s). */
  totalMs?: number;
  pollMs?: number;
}

/**
 * Polls the sink's `GET /_sink/webhooks/{token}` and reports each new edit or follow-up of
 * one interaction until it has been quiet for a while. Resolves with how many arrived.
 *
 * @example
 * const count = await followInteraction({ sinkUrl, token, onEvent: (event) => console.log(event) });
 */
export async function followInteraction(options: FollowOptions): Promise<number> {
  const started = Date.now();
  const idleMs = options.idleMs ?? 3_000;
  const totalMs = options.totalMs ?? 15_000;
  const inspect = `${new URL(options.sinkUrl).origin}/_sink/webhooks/${encodeURIComponent(options.token)}`;
  let seen = 0;
  let lastAt = started;
  while (Date.now() - started < totalMs && (seen === 0 || Date.now() - lastAt < idleMs)) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
    const response = await fetch(inspect);
    if (!response.ok) throw new Error(`the Discord sink answered ${response.status} at ${inspect}`);
    const events = (await response.json()) as SinkEvent[];
    for (const event of events.slice(seen)) await options.onEvent(event);
    if (events.length > seen) lastAt = Date.now();
    seen = Math.max(seen, events.length);
  }
  return seen;
}
