// `npm run bench [-- <section id>...]`: runs every section (or the named ones) and prints one
// table per section. Timings never fail the run; only a crash does.
import { cpus } from "node:os";
import { cacheHitRatio } from "./cache-hit-ratio.ts";
import { dashboardLoad } from "./dashboard.ts";
import { deferredRoundTrip } from "./deferred.ts";
import { embeddingCache } from "./embedding-cache.ts";
import { handlerLatency } from "./handler-latency.ts";
import { ingressBundle } from "./ingress-bundle.ts";
import { kmsCache } from "./kms-cache.ts";
import { knowledgeContext } from "./knowledge-context.ts";
import { knowledgeIngest } from "./knowledge-ingest.ts";
import type { Section } from "./lib/section.ts";
import { renderTable } from "./lib/table.ts";
import { memorySizes } from "./memory.ts";
import { migrationThroughput } from "./migration.ts";
import { moderationBench } from "./moderation.ts";
import { observabilityOverhead } from "./observability-overhead.ts";
import { peers } from "./peers.ts";
import { pluginState } from "./plugin-state.ts";
import { ingressFuzz, outageRecovery } from "./resilience.ts";
import { selfeditValidation } from "./selfedit-validation.ts";
import { serverThroughput } from "./server-throughput.ts";
import { ticketsSection } from "./tickets.ts";
import { toolExecution } from "./tools.ts";
import { vectorSearch } from "./vector-search.ts";
import { warmTier } from "./warm-tier.ts";

/** Every section, in the order they run. Add a new one here. */
const sections: Section[] = [
  ingressBundle,
  handlerLatency,
  peers,
  pluginState,
  serverThroughput,
  deferredRoundTrip,
  memorySizes,
  kmsCache,
  cacheHitRatio,
  warmTier,
  migrationThroughput,
  vectorSearch,
  embeddingCache,
  knowledgeIngest,
  knowledgeContext,
  selfeditValidation,
  ingressFuzz,
  outageRecovery,
  toolExecution,
  moderationBench,
  ticketsSection,
  observabilityOverhead,
  dashboardLoad,
];

const wanted = process.argv.slice(2);
const known = sections.map((s) => s.id).join(", ");
if (wanted.includes("--help") || wanted.includes("-h") || wanted[0] === "help") {
  console.log(
    `Usage: npm run bench -- [section ...]\n\nRuns every section, or only those named, each beside a baseline measured in the same run.\nSections: ${known}`,
  );
  process.exit(0);
}
const unknown = wanted.filter((id) => !sections.some((section) => section.id === id));
if (unknown.length > 0) {
  console.error(
    `unknown ${unknown.length === 1 ? "section" : "sections"}: ${unknown.join(", ")}; known: ${known}`,
  );
  process.exit(64);
}
const selected = wanted.length === 0 ? sections : sections.filter((section) => wanted.includes(section.id));

const cpu = cpus();
console.log(
  `megawatts bench — node ${process.versions.node}, ${process.platform}/${process.arch}, ` +
    `${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown cpu"}`,
);

let crashed = 0;
const started = performance.now();
for (const section of selected) {
  const sectionStarted = performance.now();
  try {
    const { figures, notes = [] } = await section.run();
    const seconds = ((performance.now() - sectionStarted) / 1000).toFixed(1);
    console.log(renderTable(`${section.title} [${seconds} s]`, figures, notes));
  } catch (error) {
    crashed++;
    console.error(
      `\n${section.title}\n  crashed: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
    );
  }
}
console.log(`\nfinished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = crashed > 0 ? 1 : 0;
