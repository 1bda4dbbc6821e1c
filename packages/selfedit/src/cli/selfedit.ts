import { runCli } from "./run-cli.ts";

// Usage: npm run selfedit -- validate --edits <file> [--base <commit>] [--preset <name>] [--no-tests]
// npm runs scripts from the repository root; INIT_CWD is where the command was typed.
process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.env.INIT_CWD ?? process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
