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
const index = (options: Record<string, string>, scene: Scene = {}) =>
  indexingIngress.commands.index?.run(
    context(commandInteraction(indexingManifest.commands[0] as never, { options, scene })),
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
      "The after date must look like 2026-01-05 (year, month, day).",
    );
  });

  it("refuses days that do not exist instead of rolling them into the next month", () => {
    expect(() => run("search", { query: "deploy", after: "2026-02-30" })).toThrow(
      "The after date 2026-02-30 does not exist.",
    );
    expect(() => run("search", { query: "deploy", before: "2025-02-29T10:00:00Z" })).toThrow(
      "The before date 2025-02-29 does not exist.",
    );
    expect(() => index({ channel: CHANNEL, since: "2026-02-31" }, { admin: true })).toThrow(
      "The since date 2026-02-31 does not exist.",
    );
    expect(payloadOf(run("search", { query: "deploy", after: "2024-02-29" }))).toMatchObject({
      filters: { after: Date.parse("2024-02-29T00:00:00Z") },
    });
  });

  it("refuses an after date that is not earlier than the before date", () => {
    expect(() => run("search", { query: "deploy", after: "2026-03-01", before: "2026-02-01" })).toThrow(
      "The after date (2026-03-01) must be earlier than the before date (2026-02-01), or nothing can match.",
    );
    expect(() => run("search", { query: "deploy", after: "2026-03-01", before: "2026-03-01" })).toThrow(
      VisibleError,
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
    capped: false,
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

  it("does not show the paging depth as if it were the number of matches", () => {
    expect(searchMessage(page, "upload limit").content).toContain("**6–6 of 7**");
    expect(
      searchMessage({ ...page, mode: "semantic", total: 100, capped: true }, "upload").content,
    ).toContain("**6–6 of 100+**");
  });

  it("tells a member where their search looked and how to widen it", () => {
    const empty = { ...page, results: [], total: 0, offset: 0 };

    const member = searchMessage(empty, "upload limit", ["401000000000000002"]).content ?? "";
    const admin = searchMessage(empty, "upload limit").content ?? "";

    expect(member).toContain("Nothing found for “upload limit” in <#401000000000000002> (keyword).");
    expect(member).toContain("add `channel:` to look in another channel you can read");
    expect(admin).toBe("🔎 Nothing found for “upload limit” (keyword).");
  });
});
