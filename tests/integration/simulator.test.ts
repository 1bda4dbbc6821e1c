import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type LocalBot, startLocalBot } from "@megawatts/local";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { uniquePrefix } from "./helpers.ts";

const run = promisify(execFile);
let bot: LocalBot;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "megawatts-simulator-"));
  // No DISCORD_PUBLIC_KEY: the bot makes a dev key pair in the data dir, as `npm run dev` does.
  bot = await startLocalBot({
    env: {},
    port: 0,
    dataDir,
    standIns: inject("standIns"),
    resourcePrefix: uniquePrefix("simulator"),
    logLevel: "SILENT",
  });
});

afterAll(async () => {
  await bot?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs `npm run discord -- <args>` the way a user would, against the test bot. */
async function simulator(...args: string[]) {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", "packages/local/src/cli/discord.ts", ...args, "--url", bot.url],
    { env: { ...process.env, MEGAWATTS_DATA_DIR: dataDir }, timeout: 60_000 },
  );
  return stdout;
}

/** Runs the simulator expecting it to refuse; resolves its exit code and error output. */
async function refused(...args: string[]) {
  try {
    await simulator(...args);
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr };
  }
  throw new Error("the simulator accepted the command");
}

const nextButton = (output: string) => /knowledge:page:\S+/.exec(output.split("Next")[1] ?? "")?.[0];

describe("the simulator", () => {
  it("prints a deferred command's trace as a waterfall with --trace", async () => {
    const output = await simulator("status", "--trace");

    const waterfall = output.slice(output.indexOf("Trace: "));
    expect(waterfall).toMatch(/^Trace: \d+ spans over \d/);
    expect(waterfall).toMatch(/\+0\.0 ms .* ingress POST \/interactions\n/);
    // The worker's job is in the same trace (its indent depends on where its bar ends).
    expect(waterfall).toMatch(/ job system\.status\n/);
    expect(waterfall).toMatch(/X-Ray trace id: 1-[0-9a-f]{8}-[0-9a-f]{24}/);
  });

  it("signs /status with the dev key and prints the deferral and then the edited reply", async () => {
    const output = await simulator("status");

    expect(output).toContain("DeferredChannelMessageWithSource (5)");
    expect(output).toContain("edited the reply");
    // Up or degraded: a probe slower than 500 ms on a loaded machine is still an answer.
    expect(output).toMatch(/Status: (up|degraded)\*\* — \d+ dependencies, 0 down/);
  }, 60_000);

  it("prints an inline reply with its type name", async () => {
    const output = await simulator("help", "--admin");

    expect(output).toContain("ChannelMessageWithSource (4)");
    expect(output).toContain("/status");
  }, 60_000);

  it("remembers a made-up message and saves the export the bot attaches", async () => {
    const remembered = await simulator(
      "Remember",
      "--message",
      "the simulator's note",
      "--attachments",
      "a.png",
    );
    const exported = await simulator("privacy", "export", "--save", join(dataDir, "exports"));

    expect(remembered).toContain("🧠 Remembered");
    expect(remembered).toContain("1 attachment name (a.png)");
    const file = join(dataDir, "exports", "megawatts-export-1100000000000000002-1100000000000000004.json");
    expect(exported).toContain(`saved to ${file}`);
    expect(await readFile(file, "utf8")).toContain("the simulator's note");
  }, 60_000);

  it("says it is waiting for a deferred job and stops once the job's edit has arrived", async () => {
    const output = await simulator("status");

    const waiting = output.indexOf("⏳ Waiting for the job");
    expect(waiting).toBeGreaterThan(output.indexOf("DeferredChannelMessageWithSource (5)"));
    expect(output.indexOf("edited the reply")).toBeGreaterThan(waiting);
    expect(output).not.toContain("no edit or follow-up");
  }, 60_000);

  it("refuses options beyond the limits the command declares, as Discord's client does", async () => {
    const { code, stderr } = await refused("search", "--query", "x".repeat(301), "--admin");

    expect(code).toBe(64);
    expect(stderr).toContain("--query has 301 characters; Discord allows at most 300");
  }, 60_000);

  it("sends a button click with the message the button was on, so page 2 names the search", async () => {
    // A server of its own: no earlier command has read its plugin choices.
    const guild = ["--guild", "1100000000000000077", "--admin"];
    await simulator("plugins", "enable", "--plugin", "indexing", ...guild);
    await simulator("index", "--channel", "401000000000000002", ...guild);
    const first = await simulator("search", "--query", "upload limit", ...guild);
    const next = nextButton(first);
    expect(next).toBeDefined();

    const second = await simulator("component", next ?? "", ...guild);

    expect(second).toContain("6–10 of");
    expect(second).toContain("for “upload limit”");
    expect(second).not.toContain("your search");
  }, 120_000);

  it("sends a raw PING", async () => {
    expect(await simulator("ping-raw")).toContain("Pong (1)");
  }, 60_000);
});
