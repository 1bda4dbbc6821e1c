import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

// Every command-line tool the README names, as a user types it.
const scripts = [
  "dev",
  "discord",
  "privacy",
  "knowledge",
  "selfedit",
  "commands:sync",
  "invite",
  "bench",
  "cost",
];

describe("every command-line tool", () => {
  it.each(scripts)(
    "prints its usage for `npm run %s -- --help` and exits 0",
    async (script) => {
      // execFile rejects on a non-zero exit, so reaching the assertions means it exited 0.
      const { stdout } = await run("npm", ["run", "-s", script, "--", "--help"], {
        env: { ...process.env, DISCORD_APPLICATION_ID: "", DISCORD_BOT_TOKEN: "" },
        timeout: 60_000,
      });

      expect(stdout).toMatch(/^usage: npm run /im);
    },
    60_000,
  );

  it("exits 64 for a usage error", async () => {
    const failure = await run("npm", ["run", "-s", "privacy", "--", "shred", "--user", "1"]).catch(
      (error: { code: number; stderr: string }) => error,
    );

    expect(failure).toMatchObject({ code: 64 });
    expect((failure as { stderr: string }).stderr).toContain("Usage: npm run privacy");
  }, 60_000);
});
