import { loadFixtures } from "@megawatts/knowledge-eval/fixtures";
import { componentInteraction, messageCommandInteraction } from "@megawatts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buttonIds,
  definition,
  FIXTURE_CHANNEL,
  linkedIds,
  startKnowledgeBot,
} from "./knowledge-bot-fixtures.ts";

let kb: Awaited<ReturnType<typeof startKnowledgeBot>>;
let fixtureIds: Set<string>;
const indexed = (text: string) => text.startsWith("✅");

beforeAll(async () => {
  kb = await startKnowledgeBot("knowledge-bot");
  fixtureIds = new Set((await loadFixtures()).messages.map((message) => message.id));
});
afterAll(async () => kb?.stop());

/** A guild where an admin turned indexing on and indexed the fixture channel. */
async function indexedGuild() {
  const admin = kb.scene({ admin: true });
  await kb.send(kb.command("plugins", admin, { plugin: "indexing" }, ["enable"]));
  const { text } = await kb.send(kb.command("index", admin, { channel: FIXTURE_CHANNEL }), indexed);
  return { admin, text };
}

describe("/index through the local bot", () => {
  it("refuses members without Manage Server, inline", async () => {
    const admin = kb.scene({ admin: true });
    await kb.send(kb.command("plugins", admin, { plugin: "indexing" }, ["enable"]));
    const member = kb.scene({ guildId: admin.guildId ?? "" });
    const { body } = await kb.send(kb.command("index", member, { channel: FIXTURE_CHANNEL }));
    expect(body.type).toBe(4);
    expect(JSON.stringify(body)).toContain("needs the Manage Server permission");
  });

  it("reads no history until an admin turns the indexing plugin on in the guild", async () => {
    const admin = kb.scene({ admin: true });
    const { body } = await kb.send(kb.command("index", admin, { channel: FIXTURE_CHANNEL }));
    expect(body.type).toBe(4);
    expect(JSON.stringify(body)).toContain("The **indexing** plugin is turned off in this server");
    const reads = kb.bot.sink
      ?.events()
      .filter((event) => event.method === "GET" && event.path.includes(FIXTURE_CHANNEL));
    expect(reads).toEqual([]);
  });

  it("backfills the fixture channel through Discord REST once enabled", async () => {
    const { text } = await indexedGuild();
    expect(text).toContain("▰▰▰▰▰▰▰▰▰▰ 100 %");
    expect(text).toContain("101 messages read in 2 pages · 101 indexed");
  });
});

// The search tests share one indexed guild: indexing the channel is what takes time.
let shared: ReturnType<typeof indexedGuild> | undefined;
const searchableGuild = () => {
  shared ??= indexedGuild();
  return shared;
};

describe("/search and /ask through the local bot", () => {
  it("finds linked results, pages with the Next button, and finds nothing in another guild", async () => {
    const { admin } = await searchableGuild();
    const first = await kb.send(kb.command("search", admin, { query: "upload limit" }));
    expect(first.text).toContain("1–5 of");
    const ids = linkedIds(first.text);
    expect(ids).toHaveLength(5);
    for (const id of ids) expect(fixtureIds.has(id)).toBe(true);
    const next = buttonIds(first.edit).find((id) => id.startsWith("knowledge:page:"));
    expect(next).toBeDefined();

    const second = await kb.send(componentInteraction(next ?? "", { scene: admin }));
    expect(second.body.type).toBe(6);
    expect(second.text).toContain("6–10 of");
    expect(linkedIds(second.text).some((id) => ids.includes(id))).toBe(false);

    const elsewhere = await kb.send(
      kb.command("search", kb.scene({ admin: true }), { query: "upload limit" }),
    );
    expect(elsewhere.text).toContain("Nothing found");
  });

  it("limits a member to channels the interaction shows they can read", async () => {
    const { admin } = await searchableGuild();
    const member = { ...admin, admin: false, userId: "80351110224678977" };
    const here = await kb.send(kb.command("search", member, { query: "upload limit" }));
    expect(here.text).toContain("Nothing found");
    expect(here.text).toContain("add `channel:` to look in another channel you can read");
    const named = await kb.send(
      kb.command("search", member, { query: "upload limit", channel: FIXTURE_CHANNEL }),
    );
    expect(linkedIds(named.text).length).toBeGreaterThan(0);
  });

  it("answers /ask extractively without a model, citing real messages", async () => {
    const { admin } = await searchableGuild();
    const { text } = await kb.send(
      kb.command("ask", admin, { question: "how do I raise the upload limit?" }),
    );
    expect(text).toContain("No language model is configured");
    expect(text).toContain("**Sources**");
    const cited = linkedIds(text);
    expect(cited.length).toBeGreaterThan(0);
    for (const id of cited) expect(fixtureIds.has(id)).toBe(true);
  });

  it("finds a remembered message with /search at once", async () => {
    const scene = kb.scene();
    const message = { content: "The staging database password rotates every Friday at noon" };
    const remembered = await kb.send(messageCommandInteraction(definition("Remember"), { message, scene }));
    expect(remembered.text).toContain("🧠 Remembered");
    const { text } = await kb.send(kb.command("search", scene, { query: "staging database rotates" }));
    expect(text).toContain("1–1 of 1");
    expect(text).toContain("Friday at noon");
  });
});
