import { execFile } from "node:child_process";
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { rememberMessage, systemClock, writeHotEntry } from "@megawatts/core";
import { type LocalBot, RUNNING_STAND_INS_FILE, startLocalBot } from "@megawatts/local";
import { createSigner, snowflake } from "@megawatts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const USER = snowflake();
const [GUILD_A, GUILD_B] = [snowflake(), snowflake()];
const CANARY = `canary-${snowflake()}`;
let bot: LocalBot;
let dataDir: string;

/** Runs `npm run privacy -- <args>` the way an operator would, on the test's data dir. */
async function privacyCli(...args: string[]) {
  const env = { ...process.env, MEGAWATTS_DATA_DIR: dataDir, UPSTASH_REDIS_REST_URL: "" };
  const { stdout, stderr } = await run(
    process.execPath,
    ["--import", "tsx", "packages/local/src/cli/privacy.ts", ...args],
    { env, timeout: 120_000 },
  );
  return { stdout, stderr };
}

async function plant(guild: string) {
  const message = { guild, channelId: snowflake(), messageId: snowflake(), authorId: USER, attachments: [] };
  const input = { ...message, content: `${CANARY} in ${guild}`, postedAt: Date.now(), requestedBy: USER };
  await rememberMessage({ ...bot.services, clock: systemClock }, input);
  const entry = { tenant: guild, subject: USER, cls: "conversation-context", data: { turns: [CANARY] } };
  await writeHotEntry(bot.services, { ...entry, name: `ctx:1:${USER}` });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "megawatts-privacy-cli-"));
  // Its own stand-ins on its own data dir, as `npm run dev` starts them.
  bot = await startLocalBot({
    env: { DISCORD_PUBLIC_KEY: createSigner().publicKey },
    port: 0,
    dataDir,
    logLevel: "SILENT",
  });
  await plant(GUILD_A);
  await plant(GUILD_B);
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("the privacy CLI", () => {
  it("exports a user from every guild through the running bot's stand-ins", async () => {
    const out = join(dataDir, "export.json");

    const { stderr } = await privacyCli("export", "--user", USER, "--out", out);

    expect(stderr).toContain("the running local bot's stand-ins");
    expect(stderr).toMatch(
      new RegExp(`guild ${GUILD_A}\\n  warm   1 item\\n  cold   0 items\\n  hot    1 item`),
    );
    const text = await readFile(out, "utf8");
    expect(text).toContain(`${CANARY} in ${GUILD_A}`);
    expect(text).toContain(`${CANARY} in ${GUILD_B}`);
  }, 120_000);

  it("erases a user from one guild and leaves the other", async () => {
    const { stderr } = await privacyCli("erase", "--user", USER, "--guild", GUILD_A, "--yes");

    expect(stderr).toContain("warm   removed 1");
    expect(stderr).toContain("hot    removed 1");
    expect(stderr).toContain("keys   shredded");
    expect(await bot.services.subjectKeys.get(GUILD_A, USER)).toBeUndefined();
    expect(await bot.services.subjectKeys.get(GUILD_B, USER)).toBeDefined();
    expect(await bot.services.cache.tenant(GUILD_A).members(`user:${USER}`)).toEqual([]);
  }, 120_000);

  it("starts the stand-ins on the data dir itself once the bot has stopped", async () => {
    await bot.stop();
    await expect(access(join(dataDir, RUNNING_STAND_INS_FILE))).rejects.toThrow();

    const { stdout, stderr } = await privacyCli("export", "--user", USER, "--guild", GUILD_B);

    expect(stderr).toContain(`local stand-ins on ${dataDir}`);
    expect(stdout).toContain(`${CANARY} in ${GUILD_B}`);
  }, 120_000);
});
