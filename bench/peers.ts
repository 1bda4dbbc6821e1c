import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { apiGatewayEvent } from "./lib/api-gateway.ts";
import { type Bundle, bundle } from "./lib/bundle.ts";
import { runNode } from "./lib/child.ts";
import { pingInteraction } from "./lib/interactions.ts";
import { lambdaEnv } from "./lib/lambda-env.ts";
import { COLD_PROBE, peerResult, WARM_PROBE } from "./lib/peer-scripts.ts";
import type { Section } from "./lib/section.ts";
import { benchSigningKey, signInteraction } from "./lib/signing.ts";
import { type Summary, summarize } from "./lib/stats.ts";
import type { Figure } from "./lib/table.ts";

const COLD_ROUNDS = 10;
// Warm: each handler alone in a fresh process per round (as in its own Lambda container), the
// handlers taking turns round by round so drift on the machine touches them alike.
const WARM_ROUNDS = 3;
const WARMUP = 500;
const CALLS = 1_000;

// Every handler is bundled as its Lambda would ship it and fed the same signed events.
const PEERS = [
  { name: "megawatts ingress", entry: "functions/http/interactions.ts" },
  { name: "bare floor", entry: "bench/baselines/pong-lambda.ts" },
  { name: "discord-interactions", entry: "bench/baselines/discord-interactions-lambda.ts" },
  { name: "slash-create", entry: "bench/baselines/slash-create-lambda.ts" },
  { name: "discord-hono", entry: "bench/baselines/discord-hono-lambda.ts" },
] as const;
type PeerName = (typeof PEERS)[number]["name"];

interface Accepts {
  stale: boolean;
  badSignature: boolean;
  tampered: boolean;
}

interface Measured {
  bundle: Bundle;
  imports: number[];
  firstCalls: number[];
  warmCalls: number[];
  warm?: Summary;
  accepts?: Accepts;
}

// API Gateway hands a JSON body over as text; slash-create reads it only that way.
function pingEvent(payload: unknown, now = Date.now()) {
  const { body, headers } = signInteraction(benchSigningKey(), payload, now);
  const event = apiGatewayEvent({ method: "POST", path: "/interactions", headers, body }, now);
  return { ...event, body: body.toString("utf8"), isBase64Encoded: false };
}

async function coldStart(file: string, env: NodeJS.ProcessEnv) {
  const event = JSON.stringify(pingEvent(pingInteraction()));
  const stdout = await runNode(["--input-type=module", "-e", COLD_PROBE, pathToFileURL(file).href], {
    ...env,
    PEER_EVENT: event,
  });
  const result = peerResult<{ importMs: number; firstMs: number; statusCode?: number }>(stdout);
  if (result.statusCode !== 200) throw new Error(`${file}: the first PING got ${result.statusCode}`);
  return result;
}

async function warmAlone(name: PeerName, entry: Measured, env: NodeJS.ProcessEnv) {
  const key = benchSigningKey();
  const template = pingEvent(pingInteraction());
  const stdout = await runNode(
    ["--input-type=module", "-e", WARM_PROBE],
    {
      ...env,
      PEER_KEY: key.privateKey.export({ format: "der", type: "pkcs8" }).toString("hex"),
      PEER_TEMPLATE: JSON.stringify(template),
      PEER_PAYLOAD: template.body,
      PEER_ROUNDS: JSON.stringify([WARMUP, CALLS]),
      PEER_BUNDLES: JSON.stringify([{ name, url: pathToFileURL(entry.bundle.file).href }]),
    },
    300_000,
  );
  const [peer] = peerResult<{ accepts: Accepts; times: number[] }[]>(stdout);
  if (!peer) throw new Error(`${name}: the warm run printed no result`);
  entry.warmCalls.push(...peer.times);
  entry.accepts ??= peer.accepts;
}

const yesNo = (accepted: boolean | undefined) => (accepted ? "accepts" : "rejects");

function matrix(measured: Map<PeerName, Measured>): string[] {
  const rows = [
    [
      "handler",
      "shipped KB",
      "loaded KB",
      "cold import ms",
      "first call ms",
      "warm p50 µs",
      "warm p99 µs",
      "stale ts",
      "bad signature",
      "tampered body",
    ],
    ...[...measured].map(([name, m]) => [
      name,
      (m.bundle.bytes / 1024).toFixed(1),
      (m.bundle.entryBytes / 1024).toFixed(1),
      summarize(m.imports).p50.toFixed(1),
      summarize(m.firstCalls).p50.toFixed(2),
      ((m.warm?.p50 ?? Number.NaN) * 1000).toFixed(0),
      ((m.warm?.p99 ?? Number.NaN) * 1000).toFixed(0),
      yesNo(m.accepts?.stale),
      yesNo(m.accepts?.badSignature),
      yesNo(m.accepts?.tampered),
    ]),
  ];
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

function figures(measured: Map<PeerName, Measured>): Figure[] {
  const get = (name: PeerName) => {
    const entry = measured.get(name);
    if (!entry?.warm) throw new Error(`no figures for ${name}`);
    return {
      ...entry,
      warm: entry.warm,
      importP50: summarize(entry.imports).p50,
      firstP50: summarize(entry.firstCalls).p50,
    };
  };
  const ingress = get("megawatts ingress");
  const floor = get("bare floor");
  const minimal = get("discord-interactions");
  return [
    {
      name: "ingress warm PING p50 (baseline: bare floor; target 1.3× it)",
      unit: "µs",
      measured: ingress.warm.p50 * 1000,
      baseline: floor.warm.p50 * 1000,
      target: { atMost: 1.3 * floor.warm.p50 * 1000 },
      digits: 0,
    },
    {
      name: "ingress warm PING p99 (baseline: bare floor)",
      unit: "µs",
      measured: ingress.warm.p99 * 1000,
      baseline: floor.warm.p99 * 1000,
      digits: 0,
    },
    {
      name: "ingress warm PING p50 (baseline: discord-interactions)",
      unit: "µs",
      measured: ingress.warm.p50 * 1000,
      baseline: minimal.warm.p50 * 1000,
      digits: 0,
    },
    {
      name: "ingress cold import p50 (baseline: discord-interactions; target 2× it)",
      unit: "ms",
      measured: ingress.importP50,
      baseline: minimal.importP50,
      target: { atMost: 2 * minimal.importP50 },
    },
    {
      name: "ingress first call after import p50 (baseline: bare floor)",
      unit: "ms",
      measured: ingress.firstP50,
      baseline: floor.firstP50,
      target: { atMost: 5 },
      digits: 2,
    },
    {
      name: "ingress shipped (baseline: discord-interactions)",
      unit: "KB",
      measured: ingress.bundle.bytes / 1024,
      baseline: minimal.bundle.bytes / 1024,
      target: { atMost: 400 },
    },
  ];
}

export const peers: Section = {
  id: "peers",
  title: `3a. The ingress beside other Lambda handlers (signed PINGs; cold: ${COLD_ROUNDS} fresh processes each; warm: ${WARM_ROUNDS} × ${CALLS} calls each after ${WARMUP}, one handler per process, taking turns)`,
  async run() {
    const outdir = await mkdtemp(join(tmpdir(), "megawatts-peers-"));
    try {
      const env = lambdaEnv(benchSigningKey().publicKeyHex);
      const measured = new Map<PeerName, Measured>();
      for (const peer of PEERS)
        measured.set(peer.name, {
          bundle: await bundle(peer.entry, outdir),
          imports: [],
          firstCalls: [],
          warmCalls: [],
        });
      // Rounds alternate the handlers, so drift on the machine touches them alike.
      for (let round = 0; round < COLD_ROUNDS; round++) {
        for (const [, entry] of measured) {
          const { importMs, firstMs } = await coldStart(entry.bundle.file, env);
          entry.imports.push(importMs);
          entry.firstCalls.push(firstMs);
        }
      }
      for (let round = 0; round < WARM_ROUNDS; round++) {
        for (const [name, entry] of measured) await warmAlone(name, entry, env);
      }
      for (const entry of measured.values()) entry.warm = summarize(entry.warmCalls);
      return {
        figures: figures(measured),
        notes: [
          ...matrix(measured),
          "stale ts: signed correctly 10 minutes ago; bad signature: one hex digit changed; tampered body: a space added after signing",
          "warm: the shipped handlers as exported, logging and metrics flush included, stdout drained by the bench",
        ],
      };
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  },
};
