import type { EditBlock } from "../edit-format/types.ts";
import { loadProject, type Project } from "../repo/project.ts";
import type { RepositorySnapshot } from "../snapshot/ports.ts";
import { resolveConfig, type ValidationOptions } from "./config.ts";
import { runPipeline } from "./pipeline.ts";
import type { SourceCache } from "./stages/overlay-host.ts";
import type { ValidationReport } from "./types.ts";

/** What a validator works against. */
export interface ValidatorOptions {
  /** The repository at the base commit the edits apply to. */
  base: RepositorySnapshot;
  /**
   * A checkout of the repository with node_modules installed, for the type and test stages
   * (its git repository must hold `base.commit`). Defaults to `base.dir` for git snapshots;
   * without one those stages are skipped.
   */
  checkoutDir?: string;
  options?: ValidationOptions;
}

/** Validates rounds of edits against one base, keeping the parsed base between rounds. */
export interface Validator {
  validate(edits: string | readonly EditBlock[], overrides?: ValidationOptions): Promise<ValidationReport>;
}

/**
 * Builds a validator for one base commit. Each `validate` call is one round: the model's
 * answer (or parsed blocks) in, a report out; the base tree and parsed declarations are
 * reused, so later rounds are cheaper.
 *
 * @example
 * const validator = createValidator({ base: await openGitSnapshot("."), options: { preset: "manual" } });
 * let report = await validator.validate(answer);
 * if (report.decision === "reject") answer = await askModel(formatFeedback(report));
 */
export function createValidator({ base, checkoutDir, options = {} }: ValidatorOptions): Validator {
  const config = resolveConfig(options);
  let project: Promise<Project> | undefined;
  const sourceCache: SourceCache = new Map();
  const dir = checkoutDir ?? ("dir" in base && typeof base.dir === "string" ? base.dir : undefined);
  return {
    validate: (edits, overrides) =>
      runPipeline(
        {
          base,
          config: overrides ? resolveConfig({ ...options, ...overrides }) : config,
          baseProject: () => {
            project ??= loadProject(base);
            return project;
          },
          checkoutDir: dir,
          sourceCache,
        },
        edits,
      ),
  };
}

/**
 * Validates one set of edits against a base: `createValidator(input).validate(input.edits)`.
 *
 * @example
 * const report = await validateEdits({ base, edits: answer, options: { preset: "automatic" } });
 * console.log(report.decision, report.summary);
 */
export function validateEdits(
  input: ValidatorOptions & { edits: string | readonly EditBlock[] },
): Promise<ValidationReport> {
  return createValidator(input).validate(input.edits);
}
