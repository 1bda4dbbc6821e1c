// `npm run eval [-- --verbose] [-- --set <name>]`: scores keyword, semantic and hybrid search on
// each labelled server, per kind of query, with the shipped local setup and the baselines, and
// chooses the default mode by cross-validation across the sets.
import { parseArgs } from "node:util";
import { DEFAULT_SETTINGS } from "@megawatts/core";
import { chooseDefault, type SetResults } from "./choose.ts";
import { DEFAULT_SETUP, evaluate, type Setup, type VariantResult } from "./evaluate.ts";
import { EVAL_SETS, loadFixtures } from "./fixtures.ts";

const { values } = parseArgs({
  options: { verbose: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
});
if (values.help) {
  console.log("usage: npm run eval [-- --verbose]\n  --verbose  list the queries each mode missed entirely");
  process.exit(0);
}

const pct = (value: number) => `${(value * 100).toFixed(1)} %`.padStart(8);
const num = (value: number) => value.toFixed(3).padStart(6);
const WIDTH = 24;
const BASELINES: Array<{ label: string; setup: Setup; modes: string[] }> = [
  {
    label: "conversation context, hashed n-gram embedder alone",
    setup: { context: "conversation", embedder: "hash" },
    modes: ["semantic", "hybrid"],
  },
  {
    label: "before: reply parent only, hashed n-gram embedder",
    setup: { context: "reply", embedder: "hash" },
    modes: ["keyword", "semantic", "hybrid"],
  },
  {
    label: "no context at all, hashed n-gram embedder",
    setup: { context: "off", embedder: "hash" },
    modes: ["keyword", "semantic", "hybrid"],
  },
];

function printTable(results: readonly VariantResult[], names?: readonly string[]) {
  console.log(
    `${"mode".padEnd(WIDTH)}  recall@10     MRR nDCG@10 | lexical R@10    MRR | paraphrase R@10    MRR | missed`,
  );
  for (const r of results) {
    if (names && !names.includes(r.variant.name)) continue;
    const { lexical, paraphrase } = r.byKind;
    console.log(
      `${r.variant.name.padEnd(WIDTH)}  ${pct(r.recall)}  ${num(r.mrr)}  ${num(r.ndcg)} |     ${pct(lexical.recall)} ${num(lexical.mrr)} |        ${pct(paraphrase.recall)} ${num(paraphrase.mrr)} | ${r.missed.length}`,
    );
    if (values.verbose && r.missed.length > 0)
      console.log(`${"".padEnd(WIDTH)}  missed: ${r.missed.join(", ")}`);
  }
}

/** The chat model for measuring query rewriting, when one is configured the way the bot's is. */
async function configuredChat() {
  const { OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: baseURL, OPENAI_CHAT_MODEL: model } = process.env;
  if (!apiKey && !baseURL) return undefined;
  const { createOpenAiChat, createOpenAiClient } = await import("@megawatts/ai/openai");
  const client = createOpenAiClient({ ...(apiKey ? { apiKey } : {}), ...(baseURL ? { baseURL } : {}) });
  return createOpenAiChat({ client, ...(model ? { model } : {}) });
}

const chat = await configuredChat();
const sets: SetResults[] = [];
for (const set of EVAL_SETS) {
  const { messages, queries } = await loadFixtures(set);
  const kinds = (kind: string) => queries.filter((q) => q.kind === kind).length;
  console.log(
    `\n== ${set}: ${messages.length} messages, ${queries.length} queries (${kinds("lexical")} lexical, ${kinds("paraphrase")} paraphrase)`,
  );
  console.log("-- shipped local setup: conversation context, hashed n-grams + corpus-learned vectors");
  const results = await evaluate(set, undefined, DEFAULT_SETUP);
  printTable(results);
  sets.push({ set, results });
  for (const baseline of BASELINES) {
    console.log(`-- baseline: ${baseline.label}`);
    printTable(await evaluate(set, undefined, baseline.setup), baseline.modes);
  }
  if (chat) {
    console.log(`-- query rewriting with ${chat.id} (against the shipped setup above, which has none)`);
    printTable(await evaluate(set, undefined, { ...DEFAULT_SETUP, chat }), ["semantic", "hybrid"]);
  } else {
    console.log(
      "-- query rewriting: not measured, no chat model configured (OPENAI_API_KEY or OPENAI_BASE_URL)",
    );
  }
}

console.log("\n== default mode, cross-validated across the sets (picked on one set, scored on the other)");
const choice = chooseDefault(sets);
for (const score of choice.scores) {
  const folds = score.folds.map((f) => `${f.set}: ${f.picked} ${pct(f.recall).trim()}`).join("; ");
  console.log(
    `${score.mode.padEnd(9)} ${pct(score.recall)}  MRR ${num(score.mrr)}  nDCG ${num(score.ndcg)}  (${folds})`,
  );
}
console.log(`\nbest mode: ${choice.best} — ${choice.reason}`);
console.log(`shipped default: ${DEFAULT_SETTINGS.defaultMode} (${JSON.stringify(DEFAULT_SETTINGS.fusion)})`);
if (choice.best !== DEFAULT_SETTINGS.defaultMode) {
  console.log("the shipped default disagrees with this evaluation: change DEFAULT_SETTINGS.defaultMode");
  process.exitCode = 1;
}
