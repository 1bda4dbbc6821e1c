import type { SinkEvent } from "../discord-sink.ts";

export interface FollowOptions {
  /** The sink's REST base, e.g. `http://127.0.0.1:4000/api/v10`. */
  sinkUrl: string;
  token: string;
  onEvent(event: SinkEvent): void | Promise<void>;
  /**
   * What became of the interaction's job (`pending`, `retrying`, `done`, `dead-lettered`), or
   * `undefined` when the bot cannot tell; then following stops after a quiet spell instead.
   */
  jobState?(): Promise<string | undefined>;
  /** Told when the job's state changes, e.g. to say it is being retried. */
  onState?(state: string): void;
  /** Without a job state: stop after this long without a new event, once one has arrived (default 3 s). */
  idleMs?: number;
  /** Stop after this long in any case (default 15 s). */
  totalMs?: number;
  pollMs?: number;
}

const FINAL = new Set(["done", "dead-lettered"]);

async function sinkEvents(inspect: string): Promise<SinkEvent[]> {
  const response = await fetch(inspect);
  if (!response.ok) throw new Error(`the Discord sink answered ${response.status} at ${inspect}`);
  return (await response.json()) as SinkEvent[];
}

/**
 * Polls the sink's `GET /_sink/webhooks/{token}` and reports each new edit or follow-up of
 * one interaction. With `jobState` it stops as soon as the job has ended and its last edit
 * has been reported; otherwise once it has been quiet for `idleMs`. Resolves with how many
 * events arrived and whether the job was seen to end.
 *
 * @example
 * const { count } = await followInteraction({ sinkUrl, token, onEvent: (event) => console.log(event) });
 */
export async function followInteraction(options: FollowOptions): Promise<{ count: number; ended: boolean }> {
  const started = Date.now();
  const idleMs = options.idleMs ?? 3_000;
  const totalMs = options.totalMs ?? 15_000;
  const inspect = `${new URL(options.sinkUrl).origin}/_sink/webhooks/${encodeURIComponent(options.token)}`;
  let seen = 0;
  let lastAt = started;
  let state: string | undefined;
  let tracked = options.jobState !== undefined;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
    // The state is read before the events: a job that has ended has sent all its edits.
    const now = tracked ? await options.jobState?.() : undefined;
    if (tracked && now === undefined) tracked = false;
    if (now !== undefined && now !== state) {
      state = now;
      options.onState?.(now);
    }
    const events = await sinkEvents(inspect);
    for (const event of events.slice(seen)) await options.onEvent(event);
    if (events.length > seen) lastAt = Date.now();
    seen = Math.max(seen, events.length);
    if (state !== undefined && FINAL.has(state)) return { count: seen, ended: true };
    if (!tracked && seen > 0 && Date.now() - lastAt >= idleMs) break;
    if (Date.now() - started >= totalMs) break;
  }
  return { count: seen, ended: false };
}
