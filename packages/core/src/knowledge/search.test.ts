import { GUILD, message, OTHER_GUILD, testDeps } from "@megawatts/testing/knowledge";
import { describe, expect, it } from "vitest";
import { KnowledgeInputError } from "./deps.ts";
import { ingestMessages } from "./ingest.ts";
import { search } from "./search.ts";

const CHANNEL = "81384788765712385";
const OTHER_CHANNEL = "81384788765712386";

async function seeded() {
  const kit = testDeps();
  const deploy = message("the deploy to staging failed with a timeout", {
    channelId: CHANNEL,
    authorId: "1",
  });
  const again = message("deploy failed again, timeout on the runner", {
    channelId: OTHER_CHANNEL,
    authorId: "2",
  });
  // A day later: another conversation, so no context window joins it to the deploy.
  const lunch = message("who wants lunch at noon", {
    channelId: CHANNEL,
    authorId: "1",
    createdAt: deploy.createdAt + 86_400_000,
  });
  await ingestMessages(kit.deps, GUILD, [deploy, again, lunch]);
  return { ...kit, deploy, again, lunch };
}

describe("search", () => {
  it("answers with score, ids, date, jump link and a snippet, in each mode", async () => {
    const { deps, deploy } = await seeded();
    for (const mode of ["keyword", "semantic", "hybrid"] as const) {
      const page = await search(deps, { guildId: GUILD, query: "staging deploy", mode });
      expect(page.results[0]).toMatchObject({
        messageId: deploy.id,
        channelId: CHANNEL,
        authorId: "1",
        date: new Date(deploy.createdAt).toISOString(),
        url: `https://discord.com/channels/${GUILD}/${CHANNEL}/${deploy.id}`,
        snippet: "the deploy to staging failed with a timeout",
      });
      expect(page.results[0]?.score).toBeGreaterThan(0);
    }
  });

  it("applies channel, author and time filters in every mode", async () => {
    const { deps, again, deploy } = await seeded();
    for (const mode of ["keyword", "semantic", "hybrid"] as const) {
      const ids = async (filters: object) =>
        (await search(deps, { guildId: GUILD, query: "deploy timeout", mode, filters })).results.map(
          (r) => r.messageId,
        );
      expect(await ids({ channelId: OTHER_CHANNEL })).toEqual([again.id]);
      expect(await ids({ authorId: "1" })).not.toContain(again.id);
      expect(await ids({ after: again.createdAt })).not.toContain(deploy.id);
      expect(await ids({ before: deploy.createdAt })).not.toContain(again.id);
      expect(await ids({ channelIds: [CHANNEL] })).not.toContain(again.id);
    }
  });

  it("never returns a message of another guild, in any mode", async () => {
    const { deps } = await seeded();
    await ingestMessages(deps, OTHER_GUILD, [message("deploy timeout staging secret of the other guild")]);
    for (const mode of ["keyword", "semantic", "hybrid"] as const) {
      const page = await search(deps, {
        guildId: GUILD,
        query: "secret other guild deploy",
        mode,
        limit: 25,
      });
      expect(page.results.every((result) => result.url.includes(`/channels/${GUILD}/`))).toBe(true);
      expect(page.results.some((result) => result.snippet?.includes("secret"))).toBe(false);
    }
  });

  it("pages with an opaque cursor that alone fetches the next page", async () => {
    const kit = testDeps();
    const batch = Array.from({ length: 7 }, (_, i) => message(`build log number ${i} build`));
    await ingestMessages(kit.deps, GUILD, batch);
    const first = await search(kit.deps, { guildId: GUILD, query: "build", limit: 3, userId: "5" });
    const second = await search(kit.deps, { guildId: GUILD, cursor: first.cursor as string });
    const third = await search(kit.deps, { guildId: GUILD, cursor: second.cursor as string });
    const ids = [first, second, third].flatMap((page) => page.results.map((r) => r.messageId));
    expect(new Set(ids).size).toBe(7);
    expect(third.cursor).toBeUndefined();
    expect(first.cursor?.length).toBeLessThanOrEqual(60);
  });

  it("refuses a cursor of another search and a cursor that is not one", async () => {
    const { deps } = await seeded();
    const page = await search(deps, { guildId: GUILD, query: "deploy", limit: 1 });
    await expect(
      search(deps, { guildId: GUILD, query: "lunch", cursor: page.cursor as string }),
    ).rejects.toThrow(/another search/);
    await expect(search(deps, { guildId: GUILD, cursor: "not-a-cursor" })).rejects.toThrow(
      KnowledgeInputError,
    );
  });

  it("falls back to keywords when the embedding model fails, and says so", async () => {
    const { deps, deploy } = await seeded();
    const broken = {
      ...deps,
      embeddings: { ...deps.embeddings, embed: () => Promise.reject(new Error("down")) },
    };
    const page = await search(broken, { guildId: GUILD, query: "staging", mode: "hybrid" });
    expect(page).toMatchObject({ degraded: true, results: [{ messageId: deploy.id }] });
  });

  it("leaves out a message the source no longer has, rather than showing it without text", async () => {
    const { deps, deploy } = await seeded();
    const forgetful = { ...deps, messages: { getMessages: async () => new Map() } };
    expect((await search(forgetful, { guildId: GUILD, query: "staging" })).results).toEqual([]);
    const { messages: _source, ...plain } = deps;
    expect((await search(plain, { guildId: GUILD, query: "staging" })).results[0]?.messageId).toBe(deploy.id);
  });

  it("keeps the saved search and recent queries sealed in the hot tier", async () => {
    const { deps, hot } = await seeded();
    const page = await search(deps, { guildId: GUILD, query: "confidential deploy", limit: 1, userId: "5" });
    expect(page.cursor).toBeDefined();
    const raw = await Promise.all(
      ["recent-searches"].map((name) => hot.get(`g:${GUILD}:cache:knowledge:${name}`)),
    );
    expect(raw[0]).toBeDefined();
    expect(raw.join()).not.toContain("confidential");
  });
  it("finds a confirmation posted without a reply reference for the question it confirms, pointing at it", async () => {
    const { deps } = testDeps();
    const asker = "80351110224678101";
    const question = message("my printer leaves thin hairs between the towers", { authorId: asker });
    const answer = message("raise the retraction distance to six millimetres", {
      authorId: "80351110224678102",
      replyToId: question.id,
      createdAt: question.createdAt + 5 * 60_000,
    });
    const confirmation = message("that was it, works now", {
      authorId: asker,
      createdAt: question.createdAt + 90 * 60_000,
    });
    await ingestMessages(deps, GUILD, [question, answer, confirmation]);
    for (const mode of ["keyword", "semantic", "hybrid"] as const) {
      const page = await search(deps, { guildId: GUILD, query: "thin hairs between towers", mode });
      const found = page.results.find((result) => result.messageId === confirmation.id);
      expect(found, mode).toMatchObject({
        url: `https://discord.com/channels/${GUILD}/${CHANNEL}/${confirmation.id}`,
        snippet: "that was it, works now",
        context: "my printer leaves thin hairs between the towers",
      });
    }
    const alone = { ...deps, settings: { context: { enabled: false } } };
    const { deps: fresh } = testDeps();
    await ingestMessages({ ...fresh, settings: alone.settings }, GUILD, [question, answer, confirmation]);
    const page = await search(fresh, { guildId: GUILD, query: "thin hairs between towers", mode: "keyword" });
    expect(page.results.map((result) => result.messageId)).not.toContain(confirmation.id);
  });
});
