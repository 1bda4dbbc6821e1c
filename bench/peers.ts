import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createVerifier } from "@megawatts/discord/verify";
import { verifyKey } from "discord-interactions";
import { build } from "esbuild";
import { apiGatewayEvent } from "./lib/api-gateway.ts";
import { type Bundle, bundle } from "./lib/bundle.ts";
import { runNodeLogging } from "./lib/child.ts";
import { guildCommandInteraction, pingInteraction } from "./lib/interactions.ts";
import { lambdaEnv } from "./lib/lambda-env.ts";
import { repoRoot } from "./lib/paths.ts";
import { COLD_PROBE, WARM_PROBE } from "./lib/peer-scripts.ts";
import type { Section } from "./lib/section.ts";
import { benchSigningKey, signInteraction } from "./lib/signing.ts";
import { type Summary, summarize } from "./lib/stats.ts";
import type { Figure } from "./lib/table.ts";

const COLD_ROUNDS = 15;
// Warm: each handler alone in a fresh process per round (as in its own Lambda container), the
// handlers taking turns round by round so drift on the machine touches them alike. A warm
// container has served many requests: 2,000 calls first let V8 optimise each handler's path
// (after a few hundred, the larger handlers are still partly in the interpreter).
const WARM_ROUNDS = 3;
const WARMUP = 2_000;
const CALLS = 1_500;

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
  /** The ingress only: the first call after import when it is `/help` rather than a PING. */
  firstCommands: number[];
  warmCalls: number[];
  warm?: Summary;
  accepts?: Accepts;
}

// API Gateway hands a JSON body over as text; slash-create reads it only that way.
function signedEvent(payload: unknown, now = Date.now()) {
  const { body, headers } = signInteraction(benchSigningKey(), payload, now);
  const event = apiGatewayEvent({ method: "POST", path: "/interactions", headers, body }, now);
  return { ...event, body: body.toString("utf8"), isBase64Encoded: false };
}

let probes = 0;

/** Runs a probe script in a fresh `node`, its stdout (the handlers' logs) to a file, and reads its result. */
async function probe<T>(dir: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<T> {
  probes += 1;
  const result = join(dir, `probe-${probes}.json`);
  await runNodeLogging(args, { ...env, PEER_RESULT: result }, join(dir, `probe-${probes}.log`), timeoutMs);
  return JSON.parse(await readFile(result, "utf8")) as T;
}

async function coldStart(
  dir: string,
  file: string,
  env: NodeJS.ProcessEnv,
  payload: unknown = pingInteraction(),
) {
  const event = JSON.stringify(signedEvent(payload));
  const result = await probe<{ importMs: number; firstMs: number; statusCode?: number }>(
    dir,
    ["--input-type=module", "-e", COLD_PROBE, pathToFileURL(file).href],
    { ...env, PEER_EVENT: event },
  );
  if (result.statusCode !== 200) throw new Error(`${file}: the first call got ${result.statusCode}`);
  return result;
}

async function warmAlone(dir: string, name: PeerName, entry: Measured, env: NodeJS.ProcessEnv) {
  const key = benchSigningKey();
  const template = signedEvent(pingInteraction());
  const [peer] = await probe<{ accepts: Accepts; times: number[] }[]>(
    dir,
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
  if (!peer) throw new Error(`${name}: the warm run wrote no result`);
  entry.warmCalls.push(...peer.times);
  entry.accepts ??= peer.accepts;
}

const CHECKS = 3_000;

/**
 * The signature check alone, in this process: the ingress's verifier (key parsed once into a
 * KeyObject) and discord-interactions' `verifyKey` (key imported on every call), interleaved
 * call by call on the same signed bodies.
 */
async function signatureChecks(): Promise<{ cached: Summary; verifyKey: Summary }> {
  const key = benchSigningKey();
  const verify = createVerifier(key.publicKeyHex);
  const cached: number[] = [];
  const imported: number[] = [];
  for (let i = 0; i < CHECKS * 1.2; i++) {
    const { body, headers } = signInteraction(key, pingInteraction());
    const signature = headers["x-signature-ed25519"] ?? "";
    const timestamp = headers["x-signature-timestamp"] ?? "";
    let started = performance.now();
    const ours = verify(signature, timestamp, body);
    const oursMs = performance.now() - started;
    started = performance.now();
    const theirs = await verifyKey(body, signature, timestamp, key.publicKeyHex);
    const theirsMs = performance.now() - started;
    if (!ours || !theirs) throw new Error("a valid signature was refused");
    if (i >= CHECKS * 0.2) {
      cached.push(oursMs);
      imported.push(theirsMs);
    }
  }
  return { cached: summarize(cached), verifyKey: summarize(imported) };
}

// The interaction, response and component constants the ingress uses, from each source.
const CONSTANTS = {
  "discord-interactions":
    'import { InteractionType as I, InteractionResponseType as R, InteractionResponseFlags as F, MessageComponentTypes as C, ButtonStyleTypes as B } from "discord-interactions"; console.log(I.PING, R.PONG, F.EPHEMERAL, C.BUTTON, B.PRIMARY);',
  "core/src/discord-enums.ts":
    'import { Interaction as I, Response as R, Flags as F, Component as C, Button as B } from "./packages/core/src/discord-enums.ts"; console.log(I.Ping, R.Pong, F.Ephemeral, C.Button, B.Primary);',
};

/** Bytes each source of the constants adds to a minified bundle, as the ingress is bundled. */
async function constantsBytes(): Promise<string> {
  const sizes = await Promise.all(
    Object.entries(CONSTANTS).map(async ([source, contents]) => {
      const result = await build({
        stdin: { contents, resolveDir: repoRoot, loader: "ts" },
        bundle: true,
        write: false,
        minify: true,
        platform: "node",
        format: "esm",
        target: "node20",
        mainFields: ["module", "main"],
        logLevel: "silent",
      });
      return `${source} ${((result.outputFiles[0]?.contents.length ?? 0) / 1024).toFixed(1)} KB`;
    }),
  );
  return `Discord constants in a minified bundle: ${sizes.join(", ")}`;
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

function figures(
  measured: Map<PeerName, Measured>,
  checks: Awaited<ReturnType<typeof signatureChecks>>,
): Figure[] {
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
      name: "ingress first call after import p50, /help (baseline: a PING)",
      unit: "ms",
      measured: summarize(ingress.firstCommands).p50,
      baseline: ingress.firstP50,
      digits: 2,
    },
    {
      name: "signature check p50: cached KeyObject (baseline: verifyKey)",
      unit: "µs",
      measured: checks.cached.p50 * 1000,
      baseline: checks.verifyKey.p50 * 1000,
      digits: 0,
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
          firstCommands: [],
          warmCalls: [],
        });
      // Rounds alternate the handlers, so drift on the machine touches them alike.
      for (let round = 0; round < COLD_ROUNDS; round++) {
        for (const [name, entry] of measured) {
          const { importMs, firstMs } = await coldStart(outdir, entry.bundle.file, env);
          entry.imports.push(importMs);
          entry.firstCalls.push(firstMs);
          // The ingress loads its plugins on the first interaction that is not a PING.
          if (name !== "megawatts ingress") continue;
          const help = await coldStart(outdir, entry.bundle.file, env, guildCommandInteraction("help"));
          entry.firstCommands.push(help.firstMs);
        }
      }
      for (let round = 0; round < WARM_ROUNDS; round++) {
        for (const [name, entry] of measured) await warmAlone(outdir, name, entry, env);
      }
      for (const entry of measured.values()) entry.warm = summarize(entry.warmCalls);
      return {
        figures: figures(measured, await signatureChecks()),
        notes: [
          ...matrix(measured),
          "stale ts: signed correctly 10 minutes ago; bad signature: one hex digit changed; tampered body: a space added after signing",
          await constantsBytes(),
          "warm: the shipped handlers as exported, logging and metrics flush included, stdout to a file as a Lambda's goes to its runtime",
        ],
      };
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  },
};
