import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry, type Job } from "@megawatts/core";
import type { LocalBot } from "@megawatts/local";
import { DeadLetterAdmin } from "@megawatts/storage/sqs";
import { commandInteraction, type Signer, snowflake } from "@megawatts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, postSigned, queueDepth, standInClients, startTestBot } from "./helpers.ts";

let bot: LocalBot;
let signer: Signer;
const clients = standInClients();
const registry = createCommandRegistry(ingressPlugins);

function status() {
  const definition = registry.definitions.find((command) => command.name === "status");
  if (!definition) throw new Error("no /status command installed");
  return commandInteraction(definition, { scene: { applicationId: bot.config.discord.applicationId } });
}

function sink() {
  if (!bot.sink) throw new Error("the test bot has no sink");
  return bot.sink;
}

function admin() {
  const { jobsQueue, jobsDeadLetterQueue, selfEditQueue, selfEditDeadLetterQueue } = bot.resources;
  return new DeadLetterAdmin(clients.sqs, [
    { name: "jobs", deadLetterUrl: jobsDeadLetterQueue.url, sourceUrl: jobsQueue.url },
    { name: "selfedit", deadLetterUrl: selfEditDeadLetterQueue.url, sourceUrl: selfEditQueue.url },
  ]);
}

const content = (body: unknown) => String((body as { content?: string } | null)?.content ?? "");

beforeAll(async () => {
  ({ bot, signer } = await startTestBot("dead-letters"));
});

afterAll(async () => {
  await bot?.stop();
  clients.destroy();
});

describe("dead letters", () => {
  it("keeps a job that failed every try, lists it with its reason, and redrives it to success", async () => {
    const interaction = status();
    sink().failNext(
      { method: "PATCH", pathIncludes: interaction.token },
      { status: 503, body: { message: "Service Unavailable" } },
      5 * 4,
    );
    await postSigned(bot, signer, interaction);
    await sink().waitFor(
      (event) => event.token === interaction.token && content(event.body).includes("kept"),
      60_000,
    );

    const [letter, ...others] = await admin().list();
    expect(others).toEqual([]);
    expect(letter?.job?.id).toBe(interaction.id);
    expect(letter?.reason).toBe("gave up after 5 tries: HTTPError: Service Unavailable");
    expect(letter?.attempts).toBe(5);

    const { redriven } = await admin().redrive(letter ? [letter] : []);
    const done = await sink().waitFor(
      (event) => event.token === interaction.token && content(event.body).includes("**Status:"),
      30_000,
    );

    expect(redriven).toHaveLength(1);
    expect(content(done.body)).toContain("jobs queue");
    await eventually(async () =>
      expect(await queueDepth(clients.sqs, bot.resources.jobsDeadLetterQueue.url)).toBe(0),
    );
  }, 90_000);

  it("runs a redriven job whose interaction token died and tells its user in the channel", async () => {
    const channelId = snowflake();
    const userId = snowflake();
    const id = snowflake();
    const job: Job = {
      v: 1,
      id,
      kind: "system.status",
      interaction: {
        id,
        applicationId: bot.config.discord.applicationId,
        token: "expired-token",
        guildId: snowflake(),
        channelId,
        userId,
        createdAt: Date.now() - 60 * 60_000,
      },
      payload: null,
      correlationId: id,
      enqueuedAt: Date.now() - 60 * 60_000,
    };
    await clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: bot.resources.jobsDeadLetterQueue.url,
        MessageBody: JSON.stringify(job),
        MessageAttributes: {
          reason: { DataType: "String", StringValue: "gave up after 8 tries: table down" },
        },
      }),
    );

    const letter = await admin().find(id);
    await admin().redrive(letter ? [letter] : []);
    const notice = await sink().waitFor(
      (event) => event.method === "POST" && event.path === `/channels/${channelId}/messages`,
      30_000,
    );

    expect(content(notice.body)).toContain(`<@${userId}>`);
    expect(content(notice.body)).toContain("has now been done");
    expect(sink().events("expired-token")).toEqual([]);
  }, 60_000);

  it("purges one kept job and leaves the rest", async () => {
    const bodies = [snowflake(), snowflake()].map((id) => ({ id, body: "{not a job" }));
    for (const { body } of bodies)
      await clients.sqs.send(
        new SendMessageCommand({ QueueUrl: bot.resources.jobsDeadLetterQueue.url, MessageBody: body }),
      );
    const letters = await admin().list();
    expect(letters).toHaveLength(2);
    expect(letters.every((letter) => letter.job === undefined)).toBe(true);

    const { skipped } = await admin().redrive(letters);
    expect(skipped).toHaveLength(2);
    const [first] = letters;
    if (first) await admin().purge(first);

    expect((await admin().list()).map((letter) => letter.messageId)).toEqual(
      letters.slice(1).map((l) => l.messageId),
    );
  });
});
