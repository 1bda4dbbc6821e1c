import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ingressPlugins } from "@megawatts/catalog/ingress";
import {
  createCommandRegistry,
  eraseSubjectData,
  exportSubjectData,
  privacySources,
  systemClock,
} from "@megawatts/core";
import { type LocalBot, type SinkEvent, startLocalBot } from "@megawatts/local";
import { DeadLetterAdmin } from "@megawatts/storage/sqs";
import {
  commandInteraction,
  componentInteraction,
  createSigner,
  messageCommandInteraction,
  type Scene,
  type Signer,
  snowflake,
} from "@megawatts/testing";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { eventually, postSigned, queueDepth, standInClients, uniquePrefix } from "./helpers.ts";
import { rawRedis, scanBucket, scanRedis, scanTable } from "./privacy-fixtures.ts";

let bot: LocalBot;
let signer: Signer;
let dataDir: string;
const clients = standInClients();
const redis = rawRedis();
const definitions = createCommandRegistry(ingressPlugins).definitions;
const logged: string[] = [];

beforeAll(async () => {
  // Everything the bot logs, at its most talkative level, kept (not printed) to search it.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
  }
  signer = createSigner();
  dataDir = await mkdtemp(join(tmpdir(), "megawatts-privacy-bot-"));
  bot = await startLocalBot({
    env: { DISCORD_PUBLIC_KEY: signer.publicKey },
    port: 0,
    dataDir,
    standIns: inject("standIns"),
    resourcePrefix: uniquePrefix("privacy-bot"),
    retry: { maxAttempts: 5, initialSeconds: 0, maxSeconds: 0, maxSecondsWithoutReply: 0 },
    logLevel: "DEBUG",
  });
});

afterAll(async () => {
  await bot?.stop();
  await rm(dataDir, { recursive: true, force: true });
  clients.destroy();
  vi.restoreAllMocks();
});

const definition = (name: string) => {
  const found = definitions.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no ${name} command installed`);
  return found;
};

/** Posts a signed interaction and resolves with the bot's answer and, when deferred, its edit. */
async function send(interaction: Parameters<typeof postSigned>[2] & { token: string }) {
  const { body } = await postSigned(bot, signer, interaction);
  if (body.type !== 5 && body.type !== 6) return { body, edit: undefined };
  const sink = bot.sink;
  if (!sink) throw new Error("the bot has no sink");
  const edit = await sink.waitFor(
    (event) => event.token === interaction.token && event.method === "PATCH",
    30_000,
  );
  return { body, edit };
}

const content = (event: SinkEvent | undefined) =>
  String((event?.body as { content?: string } | undefined)?.content);

async function exportOf(scene: Scene) {
  const interaction = commandInteraction(definition("privacy"), { path: ["export"], scene });
  const { edit } = await send(interaction);
  const [file] = edit?.files ?? [];
  const json = Buffer.from(file?.data ?? "", "base64").toString("utf8");
  const doc = JSON.parse(json) as { sources: { name: string; count: number }[] };
  return { json, counts: Object.fromEntries(doc.sources.map((source) => [source.name, source.count])) };
}

async function rawStorage(guild: string) {
  const stores = { clients, resources: bot.resources, redis };
  const objects = await scanBucket(stores);
  return [
    JSON.stringify(await scanTable(stores, bot.resources.tableName)),
    JSON.stringify(await scanTable(stores, bot.resources.keyTableName)),
    JSON.stringify(await scanRedis(stores, guild)),
    ...objects.map((object) => object.bytes.toString("latin1")),
  ].join("\n");
}

async function searchFor(scene: Scene, query: string) {
  const { edit } = await send(commandInteraction(definition("search"), { options: { query }, scene }));
  return content(edit);
}

/** Every local vector log of the bot, as text. */
async function vectorFiles() {
  const root = join(dataDir, "vectors");
  const files = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const texts = await Promise.all(
    files.filter((file) => file.isFile()).map((file) => readFile(join(file.parentPath, file.name), "latin1")),
  );
  return texts.join("\n");
}

describe("privacy through the local bot", () => {
  it("remembers a message, exports it, erases it on confirmation, and then exports nothing", async () => {
    const scene = {
      applicationId: bot.config.discord.applicationId,
      guildId: snowflake(),
      userId: snowflake(),
    };
    const canary = `canary-${snowflake()}`;
    const message = { id: snowflake(), content: `the plan is ${canary}`, attachments: [`${canary}.png`] };

    const remembered = await send(messageCommandInteraction(definition("Remember"), { message, scene }));
    expect(content(remembered.edit)).toContain("🧠 Remembered");
    expect(content(remembered.edit)).not.toContain(`the plan is`);

    const before = await exportOf(scene);
    expect(before.counts).toEqual({ warm: 1, cold: 0, hot: 0, knowledge: 1, keys: 1 });
    expect(await searchFor(scene, canary)).toContain(message.id);
    expect(await vectorFiles()).toContain(message.id);
    expect(before.json).toContain(`the plan is ${canary}`);
    expect(before.json).toContain(`${canary}.png`);
    // Neither the remembered text nor the export's plaintext reached a tier or a log line.
    expect(await rawStorage(scene.guildId)).not.toContain(canary);
    expect(logged.join("")).toContain('"jobKind":"memory.remember"');
    expect(logged.join("")).not.toContain(canary);

    const asked = await send(commandInteraction(definition("privacy"), { path: ["delete"], scene }));
    const buttons = JSON.stringify(asked.body);
    expect(buttons).toContain(`privacy:erase:${scene.userId}`);
    const confirmed = await send(componentInteraction(`privacy:erase:${scene.userId}`, { scene }));
    expect(confirmed.body.type).toBe(6);
    expect(content(confirmed.edit)).toContain("🗑️ Erased everything");

    const after = await exportOf(scene);
    expect(after.counts).toEqual({ warm: 0, cold: 0, hot: 0, knowledge: 0, keys: 0 });
    expect(after.json).not.toContain(canary);
    // Nothing of the message is left in either index: no result, no vector, no keyword entry.
    expect(await searchFor(scene, canary)).toContain("Nothing found");
    expect(await vectorFiles()).not.toContain(message.id);
    const keywordItems = (
      await scanTable({ clients, resources: bot.resources, redis }, bot.resources.tableName)
    ).filter((item) => JSON.stringify(item).includes("keyword-index"));
    expect(JSON.stringify(keywordItems)).not.toContain(message.id);
  });

  it("does not remember the messages of a member who opted out", async () => {
    const guildId = snowflake();
    const author = { applicationId: bot.config.discord.applicationId, guildId, userId: snowflake() };
    const caller = { ...author, userId: snowflake() };

    const setting = await send(
      commandInteraction(definition("privacy"), {
        path: ["settings"],
        options: { remember: "false" },
        scene: author,
      }),
    );
    const message = { content: "please forget me", authorId: author.userId };
    const refused = await send(messageCommandInteraction(definition("Remember"), { message, scene: caller }));

    expect(content(setting.edit)).toContain("I do not remember your messages");
    expect(content(refused.edit)).toContain("asked me not to remember");
    expect((await exportOf(author)).counts).toEqual({ warm: 1, cold: 0, hot: 0, knowledge: 0, keys: 0 });
  });

  // Last: five failed replies in a row open the worker's Discord breaker for 30 seconds.
  it("erases a member whose Remember is dead-lettered, and the redriven job stores nothing", async () => {
    const guild = snowflake();
    const author = snowflake();
    const scene = { applicationId: bot.config.discord.applicationId, guildId: guild, userId: snowflake() };
    const canary = `canary-${snowflake()}`;
    const message = { content: `the vault code is ${canary}`, authorId: author };
    const remember = messageCommandInteraction(definition("Remember"), { message, scene });
    const sink = bot.sink;
    if (!sink) throw new Error("the bot has no sink");
    // Every reply of every try fails (5 tries, 4 calls each), so the job ends in the dead-letter queue.
    sink.failNext(
      { method: "PATCH", pathIncludes: remember.token },
      { status: 503, body: { message: "down" } },
      20,
    );
    await postSigned(bot, signer, remember);
    const { jobsQueue, jobsDeadLetterQueue } = bot.resources;
    const admin = new DeadLetterAdmin(clients.sqs, [
      { name: "jobs", deadLetterUrl: jobsDeadLetterQueue.url, sourceUrl: jobsQueue.url },
    ]);
    const letter = await eventually(async () => {
      const [kept] = (await admin.list()).filter((candidate) => candidate.id === remember.id);
      if (!kept) throw new Error("not dead-lettered yet");
      return kept;
    }, 60_000);
    // The parked copy, like the queued one, carries the text sealed only.
    expect(letter.body).not.toContain(canary);
    expect(letter.job?.sealedPayload?.sealed.subject).toBe(author);

    // The author is erased (as `npm run privacy -- erase` does) while the job is parked.
    const services = bot.services;
    const request = { guild, user: author, actor: "system:privacy-cli" };
    const sources = await privacySources(services);
    await eraseSubjectData({ ...services, clock: systemClock }, sources, request);
    await admin.redrive([letter]);

    await eventually(() =>
      expect(logged.join("")).toMatch(new RegExp(`"job.dropped".*"jobId":"${remember.id}"`)),
    );
    await eventually(async () => expect(await queueDepth(clients.sqs, jobsDeadLetterQueue.url)).toBe(0));
    const left = await exportSubjectData({ ...services, clock: systemClock }, sources, request);
    expect(left.sources.map((source) => [source.name, source.count])).toEqual([
      ["warm", 0],
      ["cold", 0],
      ["hot", 0],
      ["knowledge", 0],
      ["keys", 0],
    ]);
    expect(await rawStorage(guild)).not.toContain(canary);
  }, 120_000);
});
