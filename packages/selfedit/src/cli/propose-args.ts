import { parseArgs } from "node:util";
import { CliUsageError } from "../errors.ts";
import type { PresetName } from "../validate/config.ts";

export const PROPOSE_USAGE =
  'usage: npm run selfedit -- propose "<request>" [--target <plugin or path>] [--preset manual|semi-automatic|automatic] [--approve] [--no-tests] [--model <name>] [--base <commit>] [--budget <tokens>]';
const PRESETS = ["manual", "semi-automatic", "automatic"];

/** What `propose` was asked to do. */
export interface ProposeArgs {
  request: string;
  target?: string;
  preset: PresetName;
  approve: boolean;
  tests: boolean;
  model?: string;
  base: string;
  budget: number;
}

/**
 * Reads `propose`'s arguments, failing with a `CliUsageError` that says what was expected.
 *
 * @example
 * parseProposeArgs(["Make the greeting warmer", "--target", "greet", "--approve"]);
 */
export function parseProposeArgs(argv: string[]): ProposeArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      target: { type: "string" },
      preset: { type: "string", default: "manual" },
      approve: { type: "boolean", default: false },
      "no-tests": { type: "boolean", default: false },
      model: { type: "string" },
      base: { type: "string", default: "HEAD" },
      budget: { type: "string", default: "12000" },
    },
  });
  const request = positionals.join(" ").trim();
  if (request.length < 10)
    throw new CliUsageError(`describe the change in at least 10 characters; ${PROPOSE_USAGE}`);
  if (!PRESETS.includes(values.preset))
    throw new CliUsageError(`--preset must be one of ${PRESETS.join(", ")}, got "${values.preset}"`);
  const budget = Number(values.budget);
  if (!Number.isInteger(budget) || budget < 500)
    throw new CliUsageError("--budget must be a whole number of tokens, at least 500");
  return {
    request,
    ...(values.target ? { target: values.target } : {}),
    preset: values.preset as PresetName,
    approve: values.approve,
    tests: !values["no-tests"],
    ...(values.model ? { model: values.model } : {}),
    base: values.base,
    budget,
  };
}
