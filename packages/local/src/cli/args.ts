/** Raised for a command line the simulator cannot understand; the message says what to type. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Whether a command line asks for help: `--help` or `-h` anywhere, or (for tools without a
 * `help` command of their own) `help` as the first word.
 */
export function wantsHelp(argv: readonly string[], helpWord = false): boolean {
  return argv.some((arg) => arg === "--help" || arg === "-h") || (helpWord && argv[0] === "help");
}

/**
 * Ends a command-line tool's failed run the way every CLI here does: a usage error prints its
 * message and exits 64, anything else prints its stack and exits 1.
 *
 * @example
 * main(argv).catch(exitWithError);
 */
export function exitWithError(
  error: unknown,
  usageErrors: readonly (abstract new (...args: never[]) => Error)[] = [],
) {
  if (error instanceof UsageError || usageErrors.some((kind) => error instanceof kind)) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 64;
    return;
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}

export interface SimulatorArgs {
  /** `ping-raw`, `component`, `autocomplete`, or a command name. */
  action: string;
  /** What follows the action: a subcommand path, or a component's custom id. */
  positionals: string[];
  /** Every `--name value` given, in order (`--flag` alone is "true"). */
  options: [string, string][];
}

const BOOLEAN_FLAGS = new Set(["admin", "raw", "help"]);

/**
 * Splits `status --guild 1 --admin` into the action, positionals and options; a value may
 * follow with a space or `=`, and a flag without a value reads as "true".
 *
 * @example
 * parseSimulatorArgs(["search", "--query", "hello", "--raw"]);
 * // { action: "search", positionals: [], options: [["query", "hello"], ["raw", "true"]] }
 */
export function parseSimulatorArgs(argv: readonly string[]): SimulatorArgs {
  const positionals: string[] = [];
  const options: [string, string][] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? "";
    if (!arg.startsWith("--") || arg === "--") {
      positionals.push(arg);
      continue;
    }
    const [name = "", inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) options.push([name, inline]);
    else if (
      !BOOLEAN_FLAGS.has(name) &&
      argv[index + 1] !== undefined &&
      !argv[index + 1]?.startsWith("--")
    ) {
      options.push([name, argv[index + 1] ?? ""]);
      index += 1;
    } else options.push([name, "true"]);
  }
  const [action = "", ...rest] = positionals;
  return { action, positionals: rest, options };
}

export const USAGE = `Usage: npm run discord -- <command> [subcommand] [--option value ...] [flags]
       npm run discord -- autocomplete <command> [--option value ...] --<focused option> <typed text>
       npm run discord -- component <custom_id> [--values a,b]
       npm run discord -- ping-raw
       npm run discord -- guild [--guild <id>]    the local sink's server: roles, members, channels, audit log
       npm run discord -- act <ban|unban|kick|timeout> --as <id> --target <id> [--reason <text>] [--minutes <n>]
                                                  a person's action in Discord's own UI, in the sink's audit log
       npm run discord -- say --channel <id> --user <id> --text <text> [--attachments a.png,b.txt]
                                                  a member posts in the sink's channel or thread

Flags:
  --guild <id>     guild the interaction comes from      (alias --in-guild)
  --channel <id>   channel it comes from                  (alias --in-channel)
  --user <id>      user who sends it; a member of the sink's server acts
                   with its roles and real permissions (alias --as-user)
  --admin          the user holds every permission
  --url <url>      the local bot (default http://localhost:$PORT, PORT default 8787)
  --raw            print the JSON as received
  --save <dir>     save files the bot attaches (an export) into <dir>; otherwise text files are printed
  --wait <s>       when the bot cannot say that the job ended, stop after <s> quiet seconds (default 3)

Message commands act on a made-up message:
  npm run discord -- Remember --message "<text>" [--author <id>] [--attachments a.png,b.txt]

Examples:
  npm run discord -- status
  npm run discord -- help --admin
  npm run discord -- privacy export --save exports
  npm run discord -- search --query "upload limit" --admin
  npm run discord -- component knowledge:page:<cursor> --admin     # a button the bot showed

A deferred command prints "Waiting…" and stops as soon as its job has ended.`;
