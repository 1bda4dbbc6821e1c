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

describe("the simulator", () => {
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

  it("sends a raw PING", async () => {
    expect(await simulator("ping-raw")).toContain("Pong (1)");
  }, 60_000);
});
