import { createCommandRegistry, type Reply, type SearchPage, VisibleError } from "@megawatts/core";
import { autocompleteInteraction, commandInteraction, type Scene } from "@megawatts/testing";
import { RecordingLogger } from "@megawatts/testing/fakes";
import { describe, expect, it } from "vitest";
import { indexingIngress } from "./indexing/ingress.ts";
import { manifest as indexingManifest } from "./indexing/manifest.ts";
import { knowledgeIngress } from "./ingress.ts";
import { manifest } from "./manifest.ts";
import { searchMessage } from "./render.ts";

const CHANNEL = "401000000000000002";
const definition = (name: string) => {
  const found = manifest.commands.find((command) => command.name === name);
  if (!found) throw new Error(`no /${name}`);
  return found;
};
const context = (interaction: ReturnType<typeof commandInteraction>) => ({
  interaction,
  elapsedMs: () => 0,
  commands: [],
  plugins: [],
  logger: new RecordingLogger(),
});
const run = (name: string, options: Record<string, string>, scene: Scene = {}, path?: string[]) =>
  knowledgeIngress.commands[name]?.run(
    context(commandInteraction(definition(name), { options, scene, ...(path ? { path } : {}) })),
  ) as Reply;
const payloadOf = (reply: Reply) => (reply.type === "defer" ? reply.job.payload : undefined);

describe("the knowledge plugin's ingress half", () => {
  it("registers /search, /ask and /knowledge, and the indexing plugin /index, within Discord's limits", () => {
    const registry = createCommandRegistry([knowledgeIngress, indexingIngress]);
    expect(registry.definitions.map((command) => command.name)).toEqual([
      "search",
      "ask",
      "knowledge",
      "index",
    ]);
    expect(registry.manifests.map((plugin) => plugin.id)).toEqual(["knowledge", "indexing"]);
  });

  it("starts indexing turned off, as the server's consent to reading channel history", () => {
    expect(indexingIngress.manifest.enabledByDefault).toBe(false);
    expect(indexingIngress.manifest.dependencies).toEqual({ knowledge: "^1.0.0" });
  });

  it("refuses /index to members without Manage Server", () => {
    const index = (options: Record<string, string>, scene: Scene = {}) =>
      indexingIngress.commands.index?.run(
        context(commandInteraction(indexingManifest.commands[0] as never, { options, scene })),
      ) as Reply;
    expect(() => index({ channel: CHANNEL })).toThrow(VisibleError);
    expect(index({ channel: CHANNEL, since: "2026-01-05" }, { admin: true })).toMatchObject({
      type: "defer",
      ephemeral: true,
      job: {
        kind: "indexing.index",
        payload: { channelId: CHANNEL, since: Date.parse("2026-01-05T00:00:00Z") },
      },
    });
  });

  it("limits a member's search to the current channel and a channel Discord resolved as readable", () => {
    const scene = { channelId: "1100000000000000003" };
    expect(payloadOf(run("search", { query: "deploy" }, scene))).toMatchObject({
      channelIds: [scene.channelId],
    });
    expect(payloadOf(run("search", { query: "deploy", channel: CHANNEL }, scene))).toMatchObject({
      filters: { channelId: CHANNEL },
      channelIds: [scene.channelId, CHANNEL],
    });
    expect(payloadOf(run("search", { query: "deploy" }, { admin: true }))).not.toHaveProperty("channelIds");
  });

  it("answers a bad date with a message the member can act on", () => {
    expect(() => run("search", { query: "deploy", after: "yesterday-ish" })).toThrow(
      "must be a date like 2026-01-05",
    );
  });

  it("answers autocomplete inline with what was typed", async () => {
    const interaction = autocompleteInteraction(definition("search"), {
      focused: "query",
      options: { query: "uplo" },
    });
    const choices = await knowledgeIngress.commands.search?.autocomplete?.({
      ...context(interaction as never),
      interaction,
    });
    expect(choices).toEqual({ choices: [{ name: "uplo", value: "uplo" }] });
  });
});

describe("a search page", () => {
  const page: SearchPage = {
    results: [
      {
        messageId: "1459194809024512112",
        channelId: CHANNEL,
        authorId: "301000000000000012",
        createdAt: Date.parse("2026-01-09T10:00:00Z"),
        date: "2026-01-09T10:00:00.000Z",
        score: 5.0341,
        url: `https://discord.com/channels/1/${CHANNEL}/1459194809024512112`,
        snippet: "raise the limit for /api/assets",
      },
    ],
    mode: "keyword",
    total: 7,
    offset: 5,
    degraded: false,
    cursor: "eyJvIjoxMH0",
    previous: "eyJvIjowfQ",
  };

  it("shows score, author, date and jump link, with buttons carrying the engine's cursors", () => {
    const message = searchMessage(page, "upload limit");
    expect(message.content).toContain("**6.** [jump](https://discord.com/channels/1/");
    expect(message.content).toContain("<@301000000000000012>");
    expect(message.content).toContain("score 5.034");
    expect(JSON.stringify(message.components)).toContain("knowledge:page:eyJvIjoxMH0");
    expect(JSON.stringify(message.components)).toContain("knowledge:page:eyJvIjowfQ");
  });
});
