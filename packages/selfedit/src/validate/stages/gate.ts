import type { FileChange } from "../../apply/types.ts";
import type { EditBlock } from "../../edit-format/types.ts";
import { matchesAny } from "../../glob.ts";
import type { ValidationConfig } from "../config.ts";
import type { DiffStat, Violation } from "../types.ts";

const WHY: [RegExp, string][] = [
  [/^\.github\//, "workflow and repository settings"],
  [/^stacks\/|^sst\.config\.ts$/, "infrastructure"],
  [/(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb)$/, "a lockfile"],
  [/(^|\/)package\.json$/, "dependency lists"],
  [/^packages\/selfedit\//, "the validator itself"],
  [/^packages\/plugins\/selfedit\//, "who may request and approve self-edits"],
  [/^\.ci\//, "the CI entry point"],
];

/** Why a path is refused, or undefined when it may be written. */
function pathProblem(path: string, config: ValidationConfig): Omit<Violation, "severity"> | undefined {
  const base = { file: path, line: 0 };
  if (
    path.startsWith("/") ||
    /^[a-zA-Z]:/.test(path) ||
    path.split("/").includes("..") ||
    path.includes("\\")
  )
    return { ...base, rule: "gate/path", message: `${path} is not a plain repository-relative path` };
  if (matchesAny(path, config.protected)) {
    const why = WHY.find(([pattern]) => pattern.test(path))?.[1] ?? "a protected path";
    return { ...base, rule: "gate/protected", message: `${path} is never writable by self-edits (${why})` };
  }
  if (!matchesAny(path, config.scope))
    return {
      ...base,
      rule: "gate/out-of-scope",
      message: `${path} is outside the editable scope (${config.scope.join(", ")})`,
    };
  return undefined;
}

/**
 * The first, cheapest stage: every path inside the scope and outside the protected list, and
 * the change within its size limits. Uses the block paths, so a refused path is named even
 * when its block could not be applied.
 */
export function gateStage(
  blocks: readonly EditBlock[],
  changes: readonly FileChange[],
  stat: DiffStat,
  config: ValidationConfig,
): Violation[] {
  const violations: Violation[] = [];
  const paths = [...new Set([...blocks.map((block) => block.path), ...changes.map((change) => change.path)])];
  for (const path of paths) {
    const problem = pathProblem(path, config);
    if (problem) violations.push({ ...problem, severity: "error" });
  }
  const { limits } = config;
  const limit = (rule: string, count: number, max: number, what: string) => {
    if (count > max)
      violations.push({
        rule,
        file: "",
        line: 0,
        severity: "error",
        message: `the change has ${count} ${what}; the limit is ${max}`,
      });
  };
  limit("gate/too-many-files", paths.length, limits.files, "files");
  limit("gate/too-many-blocks", blocks.length, limits.blocks, "SEARCH/REPLACE blocks");
  limit("gate/too-many-lines", stat.added + stat.removed, limits.changedLines, "changed lines");
  return violations;
}
