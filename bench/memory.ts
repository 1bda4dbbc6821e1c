import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PRICES } from "@megawatts/local";
import type { FunctionName } from "@megawatts/runtime/links";
import { FUNCTION_MEMORY_MB } from "../stacks/memory.ts";
import { apiGatewayEvent } from "./lib/api-gateway.ts";
import { type Bundle, bundle } from "./lib/bundle.ts";
import { runNodeLogging } from "./lib/child.ts";
import { pingInteraction } from "./lib/interactions.ts";
import { lambdaEnv } from "./lib/lambda-env.ts";
import { COLD_PROBE, WARM_PROBE } from "./lib/peer-scripts.ts";
import type { Section } from "./lib/section.ts";
import { benchSigningKey, signInteraction } from "./lib/signing.ts";
import { summarize } from "./lib/stats.ts";
import type { Figure } from "./lib/table.ts";

// Lambda's memory sizes from its minimum to a little past one whole vCPU (1,769 MB); the
// functions run JavaScript on one thread, so more CPU than one vCPU barely shortens them.
const SIZES = [128, 256, 512, 1024, 1769, 2048] as const;
const FULL_VCPU_MB = 1769;
// A short scheduling period spreads the CPU share evenly over a cold start of a few ms (with
// the kernel's default 100 ms a short start runs unthrottled inside its first period); 20 ms
// keeps the smallest size's quota above the kernel's 1 ms minimum.
const PERIOD_US = 20_000;
const ROUNDS = 2;
const WARM_CALLS = 600;
const WARM_WARMUP = 200;

// The jobs and tasks workers ship the same bundle, so one measures both.
const FUNCTIONS: { name: FunctionName; entry: string; also?: FunctionName }[] = [
  { name: "ingress", entry: "functions/http/interactions.ts" },
  { name: "jobsWorker", entry: "functions/queue/jobs.ts", also: "tasksWorker" },
  { name: "selfEditWorker", entry: "functions/queue/selfedit.ts" },
  { name: "githubWebhook", entry: "functions/http/github.ts" },
  { name: "alarmNotifier", entry: "functions/sns/alarm-notifier.ts" },
  { name: "dashboardApi", entry: "functions/http/dashboard.ts" },
];

/**
 * A CPU share per memory size, as Lambda gives it: a cgroup per size whose CPU quota is
 * memory / 1,769 MB of one CPU. Needs a writable cgroup CPU controller (v1 or v2, as root);
 * `undefined` when there is none.
 */
function cpuShares(): { procs: (mb: number) => string; remove: () => void } | undefined {
  const quota = (mb: number) => Math.round((PERIOD_US * mb) / FULL_VCPU_MB);
  const v2 = existsSync("/sys/fs/cgroup/cgroup.controllers");
  const root = v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/cpu";
  const dirs = new Map<number, string>();
  const remove = () => {
    for (const dir of dirs.values()) rmdirSync(dir);
  };
  try {
    for (const mb of SIZES) {
      const dir = join(root, `megawatts-bench-${mb}mb`);
      mkdirSync(dir, { recursive: true });
      dirs.set(mb, dir);
      if (v2) writeFileSync(join(dir, "cpu.max"), `${quota(mb)} ${PERIOD_US}`);
      else {
        writeFileSync(join(dir, "cpu.cfs_period_us"), String(PERIOD_US));
        writeFileSync(join(dir, "cpu.cfs_quota_us"), String(quota(mb)));
      }
    }
  } catch {
    remove();
    return undefined;
  }
  return { procs: (mb) => join(dirs.get(mb) ?? "", "cgroup.procs"), remove };
}

// Moves the fresh process into its size's cgroup before anything else runs.
const JOIN =
  "import { writeFileSync as __join } from 'node:fs'; __join(process.env.CPU_CGROUP_PROCS, String(process.pid));";
// A cold start of a function other than the ingress: `import()` it (its module-scope wiring
// runs); its first call needs a queue or a webhook and is left out.
const IMPORT_PROBE = [
  "import { writeFileSync } from 'node:fs';",
  "const started = performance.now();",
  "await import(process.argv[1]);",
  "writeFileSync(process.env.PEER_RESULT, JSON.stringify({ importMs: performance.now() - started, firstMs: 0, statusCode: 200 }));",
].join("\n");

function pingEvent() {
  const now = Date.now();
  const { body, headers } = signInteraction(benchSigningKey(), pingInteraction(), now);
  const event = apiGatewayEvent({ method: "POST", path: "/interactions", headers, body }, now);
  return { ...event, body: body.toString("utf8"), isBase64Encoded: false };
}

interface Measured {
  name: FunctionName;
  also?: FunctionName | undefined;
  bundle: Bundle;
  /** Memory size → cold starts (import and, for the ingress, its first call) in ms. */
  cold: Map<number, number[]>;
  /** Memory size → warm PING durations in ms (the ingress only). */
  warm: Map<number, number[]>;
}

/** What Lambda bills for one invocation (or an init) of `ms` at `mb`: duration rounded up to 1 ms. */
function billed(mb: number, ms: number): number {
  return (mb / 1024) * (Math.ceil(ms) / 1000) * PRICES.lambda.perGbSecond;
}

const perMillion = (dollars: number) => `$${(dollars * 1e6).toFixed(2)}`;

/** Mean warm PING, mean billed duration and the cost of a million PINGs at one size. */
function warmCells(mb: number, times: number[]): string[] {
  const billedMs = times.reduce((sum, ms) => sum + Math.ceil(ms), 0) / times.length;
  return [
    (summarize(times).mean * 1000).toFixed(0),
    billedMs.toFixed(2),
    perMillion((mb / 1024) * (billedMs / 1000) * PRICES.lambda.perGbSecond + PRICES.lambda.perRequest),
  ];
}

function sizeTable(m: Measured): string[] {
  const chosen = FUNCTION_MEMORY_MB[m.name];
  const warm = m.warm.size > 0;
  const rows = [
    [
      "MB",
      "cold start p50 ms",
      "per 1M cold starts",
      ...(warm ? ["warm PING mean µs", "billed ms", "per 1M warm PINGs"] : []),
      "",
    ],
    ...SIZES.map((mb) => {
      const cold = summarize(m.cold.get(mb) ?? []).p50;
      return [
        String(mb),
        cold.toFixed(1),
        perMillion(billed(mb, cold)),
        ...(warm ? warmCells(mb, m.warm.get(mb) ?? []) : []),
        mb === chosen ? "◀ stacks" : "",
      ];
    }),
  ];
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  const title = `${m.name}${m.also ? ` and ${m.also} (one bundle)` : ""}, ${(m.bundle.entryBytes / 1024).toFixed(0)} KB loaded at a cold start`;
  return [
    title,
    ...rows.map(
      (row) =>
        `  ${row
          .map((cell, column) =>
            column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
          )
          .join("  ")
          .trimEnd()}`,
    ),
  ];
}

/**
 * Each function's cold start (and the ingress's warm PING) at each Lambda memory size, with
 * the CPU share Lambda gives that size enforced by a cgroup, and what each costs; the baseline
 * is the same start at one whole vCPU.
 */
export const memorySizes: Section = {
  id: "memory",
  title: `9. Memory size against duration and cost (cold starts at ${SIZES.join(", ")} MB, CPU share enforced; ${ROUNDS} rounds)`,
  async run() {
    const shares = cpuShares();
    if (!shares)
      return {
        figures: [],
        notes: [
          "no figures: this needs a writable cgroup CPU controller (v1 or v2), which means running as root",
        ],
      };
    const dir = mkdtempSync(join(tmpdir(), "megawatts-memory-"));
    try {
      const env = lambdaEnv(benchSigningKey().publicKeyHex);
      const measured: Measured[] = [];
      for (const fn of FUNCTIONS)
        measured.push({
          name: fn.name,
          also: fn.also,
          bundle: await bundle(fn.entry, join(dir, "bundles")),
          cold: new Map(),
          warm: new Map(),
        });
      let probes = 0;
      const probe = async <T>(script: string, args: string[], extra: NodeJS.ProcessEnv): Promise<T> => {
        probes += 1;
        const result = join(dir, `probe-${probes}.json`);
        await runNodeLogging(
          ["--input-type=module", "-e", `${JOIN}\n${script}`, ...args],
          { ...env, ...extra, PEER_RESULT: result },
          join(dir, `probe-${probes}.log`),
          300_000,
        );
        return JSON.parse(readFileSync(result, "utf8")) as T;
      };
      // Round by round, every function at every size, so drift on the machine touches all alike.
      for (let round = 0; round < ROUNDS; round++)
        for (const m of measured)
          for (const mb of SIZES) {
            const url = pathToFileURL(m.bundle.file).href;
            const procs = { CPU_CGROUP_PROCS: shares.procs(mb) };
            const ingress = m.name === "ingress";
            const cold = await probe<{ importMs: number; firstMs: number; statusCode?: number }>(
              ingress ? COLD_PROBE : IMPORT_PROBE,
              [url],
              { ...procs, PEER_EVENT: JSON.stringify(pingEvent()) },
            );
            if (cold.statusCode !== 200) throw new Error(`${m.name}: the first PING got ${cold.statusCode}`);
            m.cold.set(mb, [...(m.cold.get(mb) ?? []), cold.importMs + cold.firstMs]);
            if (!ingress) continue;
            const template = pingEvent();
            const [warm] = await probe<{ times: number[] }[]>(WARM_PROBE, [], {
              ...procs,
              PEER_KEY: benchSigningKey().privateKey.export({ format: "der", type: "pkcs8" }).toString("hex"),
              PEER_TEMPLATE: JSON.stringify(template),
              PEER_PAYLOAD: template.body,
              PEER_ROUNDS: JSON.stringify([WARM_WARMUP, WARM_CALLS]),
              PEER_BUNDLES: JSON.stringify([{ name: m.name, url }]),
            });
            m.warm.set(mb, [...(m.warm.get(mb) ?? []), ...(warm?.times ?? [])]);
          }
      const figures: Figure[] = measured.map((m) => {
        const mb = FUNCTION_MEMORY_MB[m.name];
        return {
          name: `${m.name} cold start p50 at its ${mb} MB (baseline: one vCPU, ${FULL_VCPU_MB} MB)`,
          unit: "ms",
          measured: summarize(m.cold.get(mb) ?? m.cold.get(FULL_VCPU_MB) ?? []).p50,
          baseline: summarize(m.cold.get(FULL_VCPU_MB) ?? []).p50,
        };
      });
      return {
        figures,
        notes: [
          ...measured.flatMap(sizeTable),
          "cold start: a fresh node process moved into a cgroup whose CPU quota is memory / 1,769 MB of one CPU (20 ms periods), then the bundle's import() and, for the ingress, its first PING; Lambda bills the init too",
          `cost at Lambda's arm64 price of ${PRICES.date} ($${PRICES.lambda.perGbSecond} per GB-s, billed per started ms; warm PINGs also pay $${(PRICES.lambda.perRequest * 1e6).toFixed(2)} per 1M requests)`,
        ],
      };
    } finally {
      shares.remove();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
