import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import autocannon, { type Request } from "autocannon";
import { pingInteraction } from "./lib/interactions.ts";
import { repoRoot } from "./lib/paths.ts";
import type { Section } from "./lib/section.ts";
import { benchSigningKey, signInteraction } from "./lib/signing.ts";
import { percentile } from "./lib/stats.ts";
import type { Listening } from "./servers/serve.ts";

// Fairness on a small machine: each server runs alone in its own child process and autocannon
// runs here, in the parent, so server and load generator each have their own event loop and
// (on 2 cores) roughly a core each; in one process the generator would take event-loop time
// from the server. autocannon's worker threads stay off: they would add a third contender.
// Both servers are up for the whole section but only one is loaded at a time; the measured
// time is split into short rounds in ABBA order, so drift on the machine touches both alike.
const CONNECTIONS = 20;
const WARMUP_SECONDS = 1;
const ROUNDS = 8;
const ROUND_SECONDS = 2;
const DISTINCT_REQUESTS = 256;
const PONG = JSON.stringify({ type: 1 });

type Kind = "bare" | "project";

interface Server {
  url: string;
  via: string;
  child: ChildProcess;
}

interface Tally {
  requests: number;
  seconds: number;
  latenciesMs: number[];
  failures: number;
}

async function startServer(kind: Kind, publicKeyHex: string): Promise<Server> {
  const child = fork(join(repoRoot, "bench/servers/serve.ts"), [kind], {
    cwd: repoRoot,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_PUBLIC_KEY: publicKeyHex },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [message] = (await Promise.race([
    once(child, "message"),
    once(child, "exit").then(([code]) => {
      throw new Error(`${kind} server exited with code ${code} before listening`);
    }),
  ])) as [Listening];
  return { url: `http://127.0.0.1:${message.port}/interactions`, via: message.via, child };
}

async function stopServer(server: Server) {
  if (server.child.exitCode !== null) return;
  const exited = once(server.child, "exit");
  server.child.kill();
  await exited;
}

async function assertPong(url: string, request: Request) {
  const response = await fetch(url, {
    method: "POST",
    headers: request.headers ?? {},
    body: request.body as string,
  });
  const body = await response.text();
  if (response.status !== 200 || body !== PONG) {
    throw new Error(`${url} answered a signed PING with ${response.status} ${body}`);
  }
}

async function load(url: string, requests: Request[], seconds: number, tally?: Tally) {
  const run = autocannon({ url, connections: CONNECTIONS, duration: seconds, requests });
  if (tally)
    run.on("response", (_client, _status, _bytes, responseTimeMs) => tally.latenciesMs.push(responseTimeMs));
  const result = await run;
  if (!tally) return;
  tally.requests += result.requests.total;
  tally.seconds += result.duration;
  tally.failures += result.non2xx + result.errors + result.timeouts;
}

function signedPings(): Request[] {
  const key = benchSigningKey();
  // Signed up front (timestamps stay well inside the 5-minute window); autocannon cycles
  // through them, so requests differ in id and signature as real deliveries do.
  return Array.from({ length: DISTINCT_REQUESTS }, () => {
    const { body, headers } = signInteraction(key, pingInteraction());
    return { method: "POST", path: "/interactions", headers, body: body.toString("utf8") };
  });
}

async function compare(servers: Record<Kind, Server>, requests: Request[]) {
  const tallies: Record<Kind, Tally> = {
    bare: { requests: 0, seconds: 0, latenciesMs: [], failures: 0 },
    project: { requests: 0, seconds: 0, latenciesMs: [], failures: 0 },
  };
  for (const kind of ["bare", "project"] as const) {
    const [first] = requests;
    if (first) await assertPong(servers[kind].url, first);
    await load(servers[kind].url, requests, WARMUP_SECONDS);
  }
  for (let round = 0; round < ROUNDS; round++) {
    const order: Kind[] = round % 2 === 0 ? ["bare", "project"] : ["project", "bare"];
    for (const kind of order) await load(servers[kind].url, requests, ROUND_SECONDS, tallies[kind]);
  }
  return tallies;
}

const perSecond = (tally: Tally) => tally.requests / tally.seconds;
const p99 = (tally: Tally) =>
  percentile(
    [...tally.latenciesMs].sort((a, b) => a - b),
    99,
  );

export const serverThroughput: Section = {
  id: "throughput",
  title:
    `3. Local server throughput (signed PINGs, ${CONNECTIONS} connections, ` +
    `${ROUNDS} × ${ROUND_SECONDS} s each after ${WARMUP_SECONDS} s warm-up, loopback)`,
  async run() {
    const requests = signedPings();
    const publicKeyHex = benchSigningKey().publicKeyHex;
    const started = await Promise.allSettled([
      startServer("bare", publicKeyHex),
      startServer("project", publicKeyHex),
    ]);
    try {
      const [bare, project] = started.map((outcome) => {
        if (outcome.status === "rejected") throw outcome.reason;
        return outcome.value;
      }) as [Server, Server];
      const tallies = await compare({ bare, project }, requests);
      const failures = (["project", "bare"] as const)
        .filter((kind) => tallies[kind].failures > 0)
        .map((kind) => `${kind}: ${tallies[kind].failures} non-2xx, errors or timeouts — figure is suspect`);
      return {
        figures: [
          {
            name: "PING throughput",
            unit: "req/s",
            measured: perSecond(tallies.project),
            baseline: perSecond(tallies.bare),
            digits: 0,
          },
          {
            name: "PING latency p99 under load",
            unit: "ms",
            measured: p99(tallies.project),
            baseline: p99(tallies.bare),
          },
          {
            name: "throughput ratio (project / bare)",
            unit: "×",
            measured: perSecond(tallies.project) / perSecond(tallies.bare),
            target: { atLeast: 0.9 },
            digits: 2,
          },
        ],
        notes: [
          `project: createHttpHandler(composeIngress(...)) with the in-memory queue, served by ${project.via}`,
          "baseline: a bare node:http server that verifies the signature and answers PONG",
          ...failures,
        ],
      };
    } finally {
      await Promise.all(
        started.flatMap((outcome) => (outcome.status === "fulfilled" ? [stopServer(outcome.value)] : [])),
      );
    }
  },
};
