import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import type { LocalBot } from "@megawatts/local";
import { commandInteraction, pingInteraction, type Signer } from "@megawatts/testing";
import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, postSigned, queueDepth, standInClients, startTestBot } from "./helpers.ts";

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

  it("defers /status and edits the reply with every local dependency up", async () => {
    const interaction = command("status");

    const { body } = await postSigned(bot, signer, interaction);
    const edit = await sink().waitFor(isEdit(interaction.token), 30_000);

    expect(body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const content = String((edit.body as { content?: string }).content);
    expect(content).toContain("Status: up");
    expect(content).toContain("0 down");
    const rows = content.split("\n");
    const names = ["jobs queue", "jobs dead-letter queue", "table", "bucket", "data key (kms)", "cache"];
    for (const name of [...names, "discord rest"])
      expect(rows.find((row) => row.startsWith(`${name} `))).toMatch(/^\S.*?\s{2,}\S+\s+up\s/);
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
    const interaction = command("status");
    const body = JSON.stringify(interaction);
    const timestamp = String(Math.floor(Date.now() / 1000));

    const first = await postSigned(bot, signer, body, timestamp);
    const replay = await postSigned(bot, signer, body, timestamp);
    await sink().waitFor(isEdit(interaction.token), 30_000);
    await eventually(async () => expect(await queueDepth(clients.sqs, bot.resources.jobsQueue.url)).toBe(0));

    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(sink().events(interaction.token).filter(isEdit(interaction.token))).toHaveLength(1);
  });

  it("tells the user a job failed for good once it reaches the dead-letter queue", async () => {
    const interaction = command("status");
    // Discord refuses every edit the job tries, so each of its 5 deliveries fails.
    sink().failNext(
      { method: "PATCH", pathIncludes: interaction.token },
      { status: 400, body: { message: "Invalid Form Body", code: 50035 } },
      5,
    );

    await postSigned(bot, signer, interaction);
    const edit = await sink().waitFor(isEdit(interaction.token), 60_000);

    const content = String((edit.body as { content?: string }).content);
    expect(content).toMatch(/This failed .* Reference: `ref_\w+`/);
    expect(
      sink()
        .events(interaction.token)
        .filter((event) => event.status === 400),
    ).toHaveLength(5);
  }, 90_000);
});
