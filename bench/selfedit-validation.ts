import { join } from "node:path";
import { createValidator, parseEdits, type ValidationReport } from "@megawatts/selfedit";
import { openGitSnapshot } from "@megawatts/selfedit/git";
import {
  block,
  classifyAnswer,
  createFixtureRepo,
  harmlessPluginEdit,
  loadModelOutputs,
} from "@megawatts/selfedit/testing";
import ts from "typescript";
import { repoRoot } from "./lib/paths.ts";
import type { Section } from "./lib/section.ts";
import { summarize } from "./lib/stats.ts";

const ROUNDS = 6;
const LARGE_LINES = 500;
const OPTIONS = { preset: "automatic", tests: { run: false, skipReason: "left to CI" } } as const;

/** A 500-line change: small functions added before the declaration the harmless edit anchors on. */
function largeEdit(small: string): string {
  const [edit] = parseEdits(small).blocks;
  if (!edit) throw new Error("the harmless edit has no block");
  const functions = Array.from({ length: LARGE_LINES / 5 }, (_, i) =>
    [
      `/** Bench helper ${i}. */`,
      `export function benchHelper${i}(value: number): number {`,
      `  return value * ${i} + 1;`,
      "}",
      "",
    ].join("\n"),
  );
  return block(edit.path, edit.search, `${functions.join("\n")}\n${edit.search}`);
}

/** The baseline: one plain type check of the edited file from disk, libraries parsed once. */
function plainCheck(): (path: string) => number {
  const options: ts.CompilerOptions = ts.parseJsonConfigFileContent(
    ts.readConfigFile(join(repoRoot, "tsconfig.json"), ts.sys.readFile).config,
    ts.sys,
    repoRoot,
  ).options;
  const host = ts.createCompilerHost(options);
  const cache = new Map<string, ts.SourceFile>();
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => {
    const known = cache.get(name);
    if (known) return known;
    const file = read(name, version);
    if (file && name.includes("node_modules")) cache.set(name, file);
    return file;
  };
  return (path) => {
    const program = ts.createProgram({ rootNames: [join(repoRoot, path)], options, host });
    const source = program.getSourceFile(join(repoRoot, path));
    return source ? program.getSemanticDiagnostics(source).length : -1;
  };
}

function expectPass(report: ValidationReport, what: string): ValidationReport {
  const failed = report.stages.filter((stage) => stage.status === "fail");
  if (failed.length > 0) throw new Error(`${what} did not validate: ${report.summary}`);
  return report;
}

async function timing(run: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function wellFormedShare() {
  const repo = await createFixtureRepo();
  try {
    const base = await openGitSnapshot(repo.dir);
    const outputs = await loadModelOutputs();
    const verdicts = await Promise.all(outputs.map((output) => classifyAnswer(base, output.answer)));
    const share = (count: number) => (100 * count) / outputs.length;
    return {
      count: outputs.length,
      measured: share(verdicts.filter((verdict) => verdict.wellFormed).length),
      labelled: share(outputs.filter((output) => output.wellFormed).length),
      agreement: share(
        outputs.filter(
          (output, i) =>
            verdicts[i]?.wellFormed === output.wellFormed &&
            verdicts[i]?.rules.join() === output.rules.join(),
        ).length,
      ),
    };
  } finally {
    await repo.remove();
  }
}

export const selfeditValidation: Section = {
  id: "selfedit",
  title:
    "Self-edit validation on this repository at HEAD (tests stage skipped, as in the hosted flow) and fixture model answers",
  async run() {
    const base = await openGitSnapshot(repoRoot);
    const small = await harmlessPluginEdit(base);
    const large = largeEdit(small);
    const path = parseEdits(small).blocks[0]?.path ?? "";
    const check = plainCheck();
    const validator = createValidator({ base, options: OPTIONS });
    // Warm-up, off the books: libraries parsed, JIT settled. The very first run is reported in a note.
    const cold = await timing(async () => expectPass(await validator.validate(small), "the small change"));
    expectPass(await validator.validate(large), "the 500-line change");
    check(path);
    const samples = {
      first: [] as number[],
      small: [] as number[],
      large: [] as number[],
      plain: [] as number[],
    };
    for (let round = 0; round < ROUNDS; round++) {
      // ABBA order, so drift touches the pipeline and the baseline alike.
      const plainFirst = round % 2 === 1;
      if (plainFirst) samples.plain.push(await timing(() => check(path)));
      samples.first.push(await timing(() => createValidator({ base, options: OPTIONS }).validate(small)));
      samples.small.push(await timing(() => validator.validate(small)));
      samples.large.push(await timing(() => validator.validate(large)));
      if (!plainFirst) samples.plain.push(await timing(() => check(path)));
    }
    const p50 = (values: number[]) => summarize(values).p50;
    const share = await wellFormedShare();
    return {
      figures: [
        {
          name: "small change, first round p50",
          unit: "ms",
          measured: p50(samples.first),
          baseline: p50(samples.plain),
          digits: 0,
        },
        {
          name: "small change, next round p50",
          unit: "ms",
          measured: p50(samples.small),
          baseline: p50(samples.plain),
          digits: 0,
        },
        {
          name: `${LARGE_LINES}-line change, next round p50`,
          unit: "ms",
          measured: p50(samples.large),
          baseline: p50(samples.plain),
          digits: 0,
        },
        {
          name: `well-formed answers (${share.count} fixtures)`,
          unit: "%",
          measured: share.measured,
          baseline: share.labelled,
          digits: 0,
        },
        {
          name: "verdicts matching the labels",
          unit: "%",
          measured: share.agreement,
          target: { atLeast: 100 },
          digits: 0,
        },
      ],
      notes: [
        `edit: ${path} (a comment line; the ${LARGE_LINES}-line change adds ${LARGE_LINES / 5} small functions there); every stage but tests runs, types included`,
        "first round: a new validator (reads and parses the repository tree); next round: the same validator, as in a model's repair loop",
        `the process's very first validation took ${cold.toFixed(0)} ms: it parses TypeScript's libraries and node_modules declarations, kept for later validators`,
        "baseline: one plain type check of the edited file from disk (tsc API, libraries cached); well-formed baseline: the share labelled well-formed",
      ],
    };
  },
};
