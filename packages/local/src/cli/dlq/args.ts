import { parseArgs } from "node:util";
import { UsageError } from "../args.ts";

export type DlqArgs =
  | { action: "help" }
  | { action: "list"; json: boolean }
  | { action: "show"; id: string; payload: boolean }
  | { action: "redrive"; ids: string[]; all: boolean }
  | { action: "purge"; id: string };

export const DLQ_USAGE = `npm run dlq -- <command>

  list                    every job kept in the dead-letter queues, with its reason
  show <id>               one kept job (message id or job id); --payload prints its payload too
  redrive <id>... | --all send kept jobs back to their queue (they run even after their token died)
  purge <id>              delete one kept job for good

Works on the running local bot's stand-ins, or inside \`npx sst shell\` on the stage's queues.
Options: --json (list as JSON), --help`;

/**
 * Parses the dead-letter CLI's command line.
 *
 * @example
 * parseDlqArgs(["redrive", "--all"]) // { action: "redrive", ids: [], all: true }
 */
export function parseDlqArgs(argv: readonly string[]): DlqArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (values.help || action === undefined || action === "help") return { action: "help" };
  switch (action) {
    case "list":
      return { action, json: values.json ?? false };
    case "show":
    case "purge": {
      const [id, ...extra] = rest;
      if (!id || extra.length > 0) throw new UsageError(`${action} takes one id`);
      return action === "show" ? { action, id, payload: values.payload ?? false } : { action, id };
    }
    case "redrive":
      if ((rest.length === 0) === !values.all) throw new UsageError("redrive takes ids or --all, not both");
      return { action, ids: rest, all: values.all ?? false };
    default:
      throw new UsageError(`unknown command "${action}"`);
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      all: { type: "boolean" },
      json: { type: "boolean" },
      payload: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
