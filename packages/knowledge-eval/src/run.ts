// `npm run eval [-- --verbose]`: scores keyword, semantic and hybrid search on the labelled
// server with the local embedder and says which mode is best.
import { DEFAULT_SETTINGS } from "@megawatts/core";
import { chooseDefault, crossValidatedHybrid } from "./choose.ts";
import { evaluate } from "./evaluate.ts";
import { loadFixtures } from "./fixtures.ts";

const verbose = process.argv.includes("--verbose");
const { messages, queries } = await loadFixtures();
const results = await evaluate();
const pct = (value: number) => `${(value * 100).toFixed(1)} %`.padStart(8);
const CV_LABEL = "hybrid, fusion by 2-fold CV";
const width = Math.max(CV_LABEL.length, ...results.map((result) => result.variant.name.length));

console.log(
  `knowledge eval — ${messages.length} messages, ${queries.length} queries, local embedder (local:hash-v1)\n`,
);
console.log(`${"mode".padEnd(width)}  recall@10       MRR  missed`);
for (const result of results) {
  console.log(
    `${result.variant.name.padEnd(width)}  ${pct(result.recall)}  ${result.mrr.toFixed(3).padStart(8)}  ${result.missed.length}`,
  );
  if (verbose && result.missed.length > 0)
    console.log(`${"".padEnd(width)}  missed: ${result.missed.join(", ")}`);
}
const cv = crossValidatedHybrid(results);
console.log(
  `${"hybrid, fusion by 2-fold CV".padEnd(width)}  ${pct(cv.recall)}  ${cv.mrr.toFixed(3).padStart(8)}  (picked: ${cv.picks.join(" / ")})`,
);
const choice = chooseDefault(results);
console.log(`\nbest mode: ${choice.best} — ${choice.reason}`);
console.log(`shipped default: ${DEFAULT_SETTINGS.defaultMode} (${JSON.stringify(DEFAULT_SETTINGS.fusion)})`);
if (choice.best !== DEFAULT_SETTINGS.defaultMode) {
  console.log("the shipped default disagrees with this evaluation: change DEFAULT_SETTINGS.defaultMode");
  process.exitCode = 1;
}
