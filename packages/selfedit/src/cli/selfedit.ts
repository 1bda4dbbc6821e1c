import { createInterface } from "node:readline/promises";
import { runCli } from "./run-cli.ts";

// Usage: npm run selfedit -- validate --edits <file> [--base <commit>] [--preset <name>] [--no-tests]
//        npm run selfedit -- propose "<request>" [--target <plugin or path>] [--approve]
// npm runs scripts from the repository root; INIT_CWD is where the command was typed.
async function confirm(question: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await terminal.question(question)).trim());
  } finally {
    terminal.close();
  }
}

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  ...(process.stdin.isTTY ? { confirm } : {}),
});
