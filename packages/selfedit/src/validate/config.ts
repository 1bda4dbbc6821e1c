import { z } from "zod";
import { ValidationConfigError } from "../errors.ts";

const Threshold = z.object({ warn: z.number().int().positive(), fail: z.number().int().positive() });

/** Who may approve what: the presets fill this in; any field can be overridden. */
export const PolicySchema = z.object({
  /** The highest risk approved without a human; "none" approves nothing. */
  approveMaxRisk: z.enum(["none", "low", "medium", "high"]),
  /** Whether a change with warnings may be approved. */
  allowWarnings: z.boolean(),
  /** Whether related tests must have run and passed here (not skipped) to approve. */
  requireTestsRun: z.boolean(),
  /** Changed lines (added + removed) above which a human reviews. */
  maxApproveLines: z.number().int().nonnegative(),
});
export type Policy = z.infer<typeof PolicySchema>;

export const PRESETS = {
  /** Approves low-risk changes with no warnings, even when tests are left to CI. */
  automatic: { approveMaxRisk: "low", allowWarnings: false, requireTestsRun: false, maxApproveLines: 200 },
  /** Approves only small low-risk changes whose related tests ran and passed here. */
  "semi-automatic": {
    approveMaxRisk: "low",
    allowWarnings: false,
    requireTestsRun: true,
    maxApproveLines: 50,
  },
  /** A human reviews everything that is not rejected. */
  manual: { approveMaxRisk: "none", allowWarnings: false, requireTestsRun: true, maxApproveLines: 0 },
} as const satisfies Record<string, Policy>;
export type PresetName = keyof typeof PRESETS;

const ConfigSchema = z.object({
  preset: z.enum(["automatic", "semi-automatic", "manual"]).default("semi-automatic"),
  policy: PolicySchema.partial().default({}),
  /** Globs of the paths edits may touch. */
  scope: z.array(z.string()).default(["packages/plugins/**"]),
  /** Globs never writable, whatever the scope says. */
  protected: z.array(z.string()).default([
    ".github/**",
    "stacks/**",
    "sst.config.ts",
    "**/package-lock.json",
    "**/npm-shrinkwrap.json",
    "**/yarn.lock",
    "**/pnpm-lock.yaml",
    "**/bun.lockb",
    "**/package.json",
    "packages/selfedit/**",
    // Who may request and approve self-edits is not the model's to change.
    "packages/plugins/selfedit/**",
    ".ci/**",
    ".git/**",
  ]),
  limits: z
    .object({
      files: z.number().int().positive().default(10),
      blocks: z.number().int().positive().default(30),
      changedLines: z.number().int().positive().default(600),
    })
    .prefault({}),
  security: z
    .object({
      /** Files that may read `process.env` (the config modules and wiring). */
      envFiles: z.array(z.string()).default(["**/config.ts", "functions/linked/**"]),
      /** Hosts network calls may reach; subdomains included. */
      allowedHosts: z
        .array(z.string())
        .default(["discord.com", "api.openai.com", "api.pinecone.io", "api.github.com"]),
    })
    .prefault({}),
  quality: z
    .object({
      complexity: Threshold.default({ warn: 10, fail: 20 }),
      nesting: Threshold.default({ warn: 4, fail: 6 }),
      fileLines: Threshold.default({ warn: 300, fail: 600 }),
    })
    .prefault({}),
  tests: z
    .object({
      /** `false` skips the stage (the hosted flow reads the pull request's CI instead). */
      run: z.boolean().default(true),
      skipReason: z.string().default("tests are left to the pull request's CI"),
      timeoutMs: z.number().int().positive().default(300_000),
    })
    .prefault({}),
  /** The tsconfig the type stage reads, relative to the repository root. */
  tsconfig: z.string().default("tsconfig.json"),
});

/** Options as callers write them: every field optional. */
export type ValidationOptions = z.input<typeof ConfigSchema>;
/** Options with defaults filled in and the preset's policy merged with any overrides. */
export type ValidationConfig = Omit<z.output<typeof ConfigSchema>, "policy"> & { policy: Policy };

/**
 * Fills in defaults and resolves the preset, failing with every invalid field named.
 *
 * @example
 * resolveConfig({ preset: "automatic", tests: { run: false }, scope: ["packages/plugins/**"] });
 */
export function resolveConfig(options: ValidationOptions = {}): ValidationConfig {
  const parsed = ConfigSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "options"}: ${issue.message}`,
    );
    throw new ValidationConfigError(`invalid validation options: ${problems.join("; ")}`);
  }
  const { policy, ...rest } = parsed.data;
  const merged = {
    ...PRESETS[rest.preset],
    ...Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined)),
  };
  return { ...rest, policy: merged as Policy };
}
