import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import type { LocalBot } from "@megawatts/local";
import { commandInteraction, pingInteraction, type Signer } from "@megawatts/testing";
import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, postSigned, queueDepth, receiveAll, standInClients, startTestBot } from "./helpers.ts";

let bot: LocalBot;
let signer: Signer;
const clients = standInClients();
const definitions = createCommandRegistry(ingressPlugins).definitions;

function command(name: string, path: string[] = []) {
  const definition = definitions.find((candidate) => candidate.name === name);
  if (!definition) throw new Error(`no /${name} command installed`);
  return commandInteraction(definition, { scene: { applicationId: bot.config.discord.applicationId }, path });
}

function sink() {
  if (!bot.sink) throw new Error("the test bot has no sink");
  return bot.sink;
}

const isEdit = (token: string) => (event: { method: string; token?: string; path: string; status: number }) =>
  event.method === "PATCH" && event.token === token && event.status === 200;

beforeAll(async () => {
  ({ bot, signer } = await startTestBot("bot"));
});

afterAll(async () => {
  await bot?.stop();
  clients.destroy();
});

describe("the local bot", () => {
  it("answers a PING with a PONG", async () => {
    const { status, body } = await postSigned(bot, signer, pingInteraction());

    expect(status).toBe(200);
    expect(body.type).toBe(InteractionResponseType.Pong);
  });

  it("answers /help inline with the command list, only to the caller", async () => {
    const { body } = await postSigned(bot, signer, command("help"));

    expect(body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = body.type === InteractionResponseType.ChannelMessageWithSource ? body.data : undefined;
    expect(data?.content).toContain("/status");
    expect((data?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it("defers /status and edits the reply with every local dependency answering", async () => {
    const interaction = command("status");

    const { body } = await postSigned(bot, signer, interaction);
    const edit = await sink().waitFor(isEdit(interaction.token), 30_000);

    expect(body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const content = String((edit.body as { content?: string }).content);
    // Up or degraded: a probe slower than 500 ms on a loaded machine is still an answer.
    expect(content).toMatch(/Status: (up|degraded)\*\* — \d+ dependencies, 0 down/);
    const rows = content.split("\n");
    const names = ["jobs queue", "jobs dead-letter queue", "table", "bucket", "data key (kms)", "cache"];
    for (const name of [...names, "discord rest"])
      expect(rows.find((row) => row.startsWith(`${name} `))).toMatch(/^\S.*?\s{2,}\S+\s+(up|degraded)\s/);
  });

  it("names in /status the vector index that /knowledge says is in use", async () => {
    const interaction = command("status");
    await postSigned(bot, signer, interaction);
    const edit = await sink().waitFor(isEdit(interaction.token), 30_000);
    const knowledge = command("knowledge");
    await postSigned(bot, signer, knowledge);
    const switched = await sink().waitFor(isEdit(knowledge.token), 30_000);

    const rows = String((edit.body as { content?: string }).content).split("\n");
    expect(rows.find((row) => row.startsWith("vector index "))).toMatch(/^vector index \(local\)\s.*\sup\s/);
    expect(rows.join("\n")).not.toContain("pinecone");
    expect(String((switched.body as { content?: string }).content)).toContain(
      "Vectors: the local vector index",
    );
  });

  it("runs the job of a replayed request only once", async () => {
    // A claimed job: /status and /ping queue:true only edit their own reply and run unclaimed.
    const interaction = command("knowledge");
    const body = JSON.stringify(interaction);
    const timestamp = String(Math.floor(Date.now() / 1000));

    const first = await postSigned(bot, signer, body, timestamp);
    const replay = await postSigned(bot, signer, body, timestamp);
    await sink().waitFor(isEdit(interaction.token), 30_000);
    await eventually(async () => expect(await queueDepth(clients.sqs, bot.resources.jobsQueue.url)).toBe(0));

    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(sink().events(interaction.token).filter(isEdit(interaction.token))).toHaveLength(1);
  });

  it("keeps a job that fails every try in the dead-letter queue with its reason, and tells the user", async () => {
    const interaction = command("status");
    // Discord answers 503 to every edit the job tries (the REST client itself tries each 4
    // times), so all 5 of the test bot's tries fail transiently.
    const failures = 5 * 4;
    sink().failNext(
      { method: "PATCH", pathIncludes: interaction.token },
      { status: 503, body: { message: "Service Unavailable" } },
      failures,
    );

    await postSigned(bot, signer, interaction);
    const edit = await sink().waitFor(isEdit(interaction.token), 60_000);
    const kept = await receiveAll(clients.sqs, bot.resources.jobsDeadLetterQueue.url);

    expect(String((edit.body as { content?: string }).content)).toMatch(
      /couldn't finish this.*kept.*Reference: `ref_\w+`/s,
    );
    expect(
      sink()
        .events(interaction.token)
        .filter((event) => event.status === 503),
    ).toHaveLength(failures);
    expect(kept).toHaveLength(1);
    expect(JSON.parse(kept[0]?.Body ?? "{}").id).toBe(interaction.id);
    expect(kept[0]?.MessageAttributes?.reason?.StringValue).toBe(
      "gave up after 5 tries: HTTPError: Service Unavailable",
    );
    expect(kept[0]?.MessageAttributes?.sourceQueue?.StringValue).toBe("jobs");
  }, 90_000);
});
