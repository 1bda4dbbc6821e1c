import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Metafile } from "esbuild";
import { bundle } from "./lib/bundle.ts";
import { runNode } from "./lib/child.ts";
import { lambdaEnv } from "./lib/lambda-env.ts";
import type { Section } from "./lib/section.ts";
import { benchSigningKey } from "./lib/signing.ts";
import { summarize } from "./lib/stats.ts";

const INGRESS_ENTRY = "functions/http/interactions.ts";
const BASELINE_ENTRY = "bench/baselines/pong-lambda.ts";
const COLD_LOADS = 15;
const FORBIDDEN = /(?:^|\/)node_modules\/(openai|@pinecone-database\/[^/]+|octokit|@octokit\/[^/]+)\//;
const PACKAGE = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//;

function forbiddenClients(metafile: Metafile): string[] {
  const found = Object.keys(metafile.inputs).flatMap((input) => FORBIDDEN.exec(input)?.[1] ?? []);
  return [...new Set(found)].sort();
}

/** The packages that take the most room in the output, with their share in KB. */
function largestParts(metafile: Metafile, count: number): string {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = PACKAGE.exec(input)?.[1] ?? input.split("/").slice(0, 2).join("/");
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, size]) => `${name} ${(size / 1024).toFixed(0)}`)
    .join(", ");
}

const IMPORT_TIMER = [
  "const started = performance.now();",
  "const module = await import(process.argv[1]);",
  "const importMs = performance.now() - started;",
  "if (typeof module.handler !== 'function') throw new Error('no handler export');",
  "process.stdout.write(JSON.stringify({ importMs }));",
].join("\n");

async function coldLoadMs(bundleFile: string): Promise<number> {
  const stdout = await runNode(
    ["--input-type=module", "-e", IMPORT_TIMER, pathToFileURL(bundleFile).href],
    lambdaEnv(benchSigningKey().publicKeyHex),
  );
  return (JSON.parse(stdout) as { importMs: number }).importMs;
}

export const ingressBundle: Section = {
  id: "bundle",
  title: "1. Ingress bundle (esbuild, minified ESM for node20, nothing external)",
  async run() {
    const outdir = await mkdtemp(join(tmpdir(), "megawatts-bench-"));
    try {
      const ingress = await bundle(INGRESS_ENTRY, outdir);
      const baseline = await bundle(BASELINE_ENTRY, outdir);
      // Alternate the two so drift on the machine touches both alike.
      const ingressLoads: number[] = [];
      const baselineLoads: number[] = [];
      for (let round = 0; round < COLD_LOADS; round++) {
        ingressLoads.push(await coldLoadMs(ingress.file));
        baselineLoads.push(await coldLoadMs(baseline.file));
      }
      const forbidden = forbiddenClients(ingress.metafile);
      const loads = summarize(ingressLoads);
      return {
        figures: [
          {
            name: "ingress bundle size",
            unit: "KB",
            measured: ingress.bytes / 1024,
            baseline: baseline.bytes / 1024,
            target: { atMost: 400 },
          },
          {
            name: "  of which loaded at a cold start",
            unit: "KB",
            measured: ingress.entryBytes / 1024,
            baseline: baseline.entryBytes / 1024,
          },
          {
            name: `cold load p50 (${COLD_LOADS} fresh processes)`,
            unit: "ms",
            measured: loads.p50,
            baseline: summarize(baselineLoads).p50,
            target: { atMost: 60 },
          },
        ],
        notes: [
          `forbidden clients in ingress bundle: ${forbidden.length === 0 ? "none" : forbidden.join(", ")}`,
          `largest parts of the ingress bundle (KB): ${largestParts(ingress.metafile, 6)}`,
          `ingress cold load range: ${Math.min(...ingressLoads).toFixed(1)}–${Math.max(...ingressLoads).toFixed(1)} ms`,
        ],
      };
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  },
};
