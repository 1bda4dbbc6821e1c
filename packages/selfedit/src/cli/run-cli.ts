import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { CliUsageError } from "../errors.ts";
import { openGitSnapshot } from "../snapshot/git-snapshot.ts";
import type { PresetName } from "../validate/config.ts";
import type { Decision } from "../validate/types.ts";
import { validateEdits } from "../validate/validator.ts";
import { proposeCommand } from "./propose-command.ts";

const USAGE = `usage: npm run selfedit -- validate --edits <file> [--base <commit>] [--preset manual|semi-automatic|automatic] [--no-tests] [--scope <glob>]...
       npm run selfedit -- propose "<request>" [--target <plugin or path>] [--preset <name>] [--approve] [--no-tests] [--model <name>]`;
const PRESETS = ["manual", "semi-automatic", "automatic"];

/** Exit codes by decision: 0 approve, 2 needs review, 1 reject. Usage errors exit 64. */
export const EXIT_CODES: Record<Decision, number> = { approve: 0, "needs-review": 2, reject: 1 };
export const USAGE_EXIT = 64;

/** Where the command line reads and writes. */
export interface CliIo {
  /** Directory inside the repository to validate against. */
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** For `propose`: the model settings (`OPENAI_*`) and data dir; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** For `propose`: asks before opening anything, when there is a terminal. */
  confirm?(question: string): Promise<boolean>;
}

function parseValidate(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      edits: { type: "string" },
      base: { type: "string", default: "HEAD" },
      preset: { type: "string", default: "semi-automatic" },
      "no-tests": { type: "boolean", default: false },
      scope: { type: "string", multiple: true },
    },
  });
  if (!values.edits) throw new CliUsageError(`--edits <file> is required; ${USAGE}`);
  if (!PRESETS.includes(values.preset))
    throw new CliUsageError(`--preset must be one of ${PRESETS.join(", ")}, got "${values.preset}"`);
  return { ...values, edits: values.edits, preset: values.preset as PresetName };
}

async function validateCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseValidate(argv);
  const answer = await readFile(resolve(io.cwd, args.edits), "utf8").catch((error: Error) => {
    throw new CliUsageError(`cannot read --edits ${args.edits}: ${error.message}`);
  });
  const base = await openGitSnapshot(io.cwd, args.base);
  const report = await validateEdits({
    base,
    edits: answer,
    options: {
      preset: args.preset,
      tests: { run: !args["no-tests"], skipReason: "--no-tests" },
      ...(args.scope ? { scope: args.scope } : {}),
    },
  });
  const { changes: _changes, ...printed } = report;
  io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
  io.stderr(`${report.summary}\n`);
  return EXIT_CODES[report.decision];
}

/**
 * Runs `selfedit <command> …` and returns the exit code. `validate` applies the blocks of a
 * file to the repository at a commit, in memory, and prints the report as JSON.
 *
 * @example
 * const code = await runCli(["validate", "--edits", "edits.md", "--no-tests"], {
 *   cwd: process.cwd(),
 *   stdout: (text) => process.stdout.write(text),
 *   stderr: (text) => process.stderr.write(text),
 * });
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "help" || argv.includes("--help") || argv.includes("-h")) {
    io.stdout(`${USAGE.replace(/^usage/, "Usage")}\n`);
    return 0;
  }
  try {
    if (command === "validate") return await validateCommand(rest, io);
    if (command === "propose") return await proposeCommand(rest, { ...io, env: io.env ?? process.env });
    throw new CliUsageError(command ? `unknown command "${command}"; ${USAGE}` : USAGE);
  } catch (error) {
    const usage =
      error instanceof CliUsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    io.stderr(`selfedit: ${error instanceof Error ? error.message : String(error)}\n`);
    return usage ? USAGE_EXIT : 1;
  }
}
