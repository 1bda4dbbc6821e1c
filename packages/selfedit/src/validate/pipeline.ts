import { applyEdits } from "../apply.ts";
import { parseEdits } from "../edit-format/parse-edits.ts";
import type { EditBlock, EditParseIssue } from "../edit-format/types.ts";
import { applyToProject, type Project } from "../repo/project.ts";
import type { RepositorySnapshot } from "../snapshot/ports.ts";
import { editsStage, gate, quality, security, syntax } from "./cheap-stages.ts";
import type { ValidationConfig } from "./config.ts";
import { assessRisk, decide, summarize } from "./decide.ts";
import { unifiedDiff } from "./diff.ts";
import { dependencyViolations } from "./stages/dependencies.ts";
import { impactOf, impactViolations } from "./stages/impact.ts";
import type { SourceCache } from "./stages/overlay-host.ts";
import { relatedTests, runRelatedTests } from "./stages/tests-run.ts";
import { typeViolations } from "./stages/types-check.ts";
import type { Impact, StageName, StageResult, ValidationReport } from "./types.ts";
import { skipped, timed } from "./violations.ts";

const ORDER: StageName[] = [
  "edits",
  "gate",
  "syntax",
  "security",
  "quality",
  "dependencies",
  "types",
  "tests",
  "impact",
];

/** What one validation round needs besides the edits. */
export interface PipelineContext {
  base: RepositorySnapshot;
  config: ValidationConfig;
  /** Loads (once) the base tree's scripts and manifests. */
  baseProject(): Promise<Project>;
  /** A checkout with node_modules for the type and test stages; without it they are skipped. */
  checkoutDir: string | undefined;
  sourceCache: SourceCache;
}

/** Runs every stage in order for one set of edits and builds the report. */
export async function runPipeline(
  context: PipelineContext,
  edits: string | readonly EditBlock[],
): Promise<ValidationReport> {
  const { base, config } = context;
  const parsed =
    typeof edits === "string" ? parseEdits(edits) : { blocks: [...edits], issues: [] as EditParseIssue[] };
  const applied = await applyEdits(base, parsed.blocks);
  const { changes } = applied;
  const { diff, stat } = unifiedDiff(changes);
  const stages: StageResult[] = [
    await editsStage(parsed.issues, applied),
    await gate(parsed.blocks, changes, stat, config),
  ];
  let impact: Impact | undefined;
  const cheap = [() => syntax(changes), () => security(changes, config)];
  for (const stage of cheap) {
    if (stages.some((result) => result.status === "fail")) break;
    stages.push(await stage());
  }
  if (!stages.some((result) => result.status === "fail")) {
    stages.push(await quality(changes, config));
    const baseProject = await context.baseProject();
    const after = applyToProject(baseProject, changes);
    stages.push(await timed("dependencies", () => dependencyViolations(changes, baseProject, after)));
    stages.push(await typesStage(context, changes, baseProject, after));
    stages.push(await testsStage(context, changes, after));
    stages.push(
      await timed("impact", () => {
        impact = impactOf(changes, after);
        return impactViolations(impact);
      }),
    );
  }
  for (const name of ORDER)
    if (!stages.some((result) => result.stage === name))
      stages.push(skipped(name, "an earlier stage failed"));
  const risk = assessRisk(stages, stat, impact);
  const { decision, reasons } = decide(stages, risk, stat, config);
  const summary = summarize(decision, risk, stat, stages, reasons);
  return {
    decision,
    risk,
    commit: base.commit,
    stages,
    summary,
    diffStat: stat,
    diff,
    changes,
    ...(impact ? { impact } : {}),
  };
}

function typesStage(
  context: PipelineContext,
  changes: ValidationReport["changes"],
  base: Project,
  after: Project,
) {
  const { checkoutDir } = context;
  if (checkoutDir === undefined)
    return skipped("types", "no checkout with node_modules to type-check against");
  return timed("types", () =>
    typeViolations(checkoutDir, changes, base, after, context.config.tsconfig, context.sourceCache),
  );
}

async function testsStage(context: PipelineContext, changes: ValidationReport["changes"], after: Project) {
  const { config, checkoutDir, base } = context;
  if (!config.tests.run) return skipped("tests", config.tests.skipReason);
  if (checkoutDir === undefined) return skipped("tests", "no checkout to run the tests in");
  const tests = relatedTests(changes, after);
  if (tests.length === 0)
    return timed("tests", () => [
      {
        rule: "tests/none",
        file: "",
        line: 0,
        severity: "warning",
        message: "no test covers the changed files; add a colocated *.test.ts",
      },
    ]);
  return timed("tests", () =>
    runRelatedTests(checkoutDir, base.commit, changes, tests, after, config.tests.timeoutMs),
  );
}
