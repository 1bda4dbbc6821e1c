import { snowflake } from "@megawatts/testing";
import { PermissionFlagsBits } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_CHANNEL, startKnowledgeBot } from "./knowledge-bot-fixtures.ts";

let kb: Awaited<ReturnType<typeof startKnowledgeBot>>;
beforeAll(async () => {
  kb = await startKnowledgeBot("plugins-bot");
});
afterAll(async () => kb?.stop());

/** The ephemeral text of an inline answer. */
const inline = (body: { type: number; data?: unknown }) =>
  String((body.data as { content?: string })?.content);

describe("/plugins through the local bot", () => {
  it("lists every installed plugin with its state in this server", async () => {
    const { text } = await kb.send(kb.command("plugins", kb.scene(), {}, ["list"]));

    expect(text).toContain("🔒 on (core) · **system**");
    expect(text).toContain("✅ on · **knowledge**");
    expect(text).toContain("⏸️ off · **indexing**");
  });

  it("refuses a member without Manage Server who tries to change plugins, inline", async () => {
    const { body } = await kb.send(kb.command("plugins", kb.scene(), { plugin: "knowledge" }, ["disable"]));

    expect(body.type).toBe(4);
    expect(inline(body)).toMatch(/^\/plugins disable needs the Manage Server permission\.$/);
  });

  it("turns knowledge off so /search is refused, and on again so it works, with the history to prove it", async () => {
    const admin = kb.scene({ admin: true });
    const member = kb.scene({ guildId: admin.guildId ?? "" });

    const off = await kb.send(kb.command("plugins", admin, { plugin: "knowledge" }, ["disable"]));
    expect(off.text).toContain("**knowledge** is now off in this server.");
    const refused = await kb.send(kb.command("search", member, { query: "backup" }));
    expect(refused.body.type).toBe(4);
    expect(inline(refused.body)).toBe(
      "The **knowledge** plugin is turned off in this server. Someone with Manage Server can turn it on with `/plugins enable plugin:knowledge`.",
    );

    await kb.send(kb.command("plugins", admin, { plugin: "knowledge" }, ["enable"]));
    const allowed = await kb.send(kb.command("search", member, { query: "backup" }));
    expect(allowed.body.type).toBe(5);

    const { text: history } = await kb.send(kb.command("plugins", admin, {}, ["history"]));
    expect(history).toMatch(/#1 .* turned \*\*knowledge\*\* off/);
    expect(history).toMatch(/#2 .* turned \*\*knowledge\*\* on/);
  });

  it("rolls back the last change and records the rollback as a change of its own", async () => {
    const admin = kb.scene({ admin: true });
    await kb.send(kb.command("plugins", admin, { plugin: "indexing" }, ["enable"]));

    const { text } = await kb.send(kb.command("plugins", admin, {}, ["rollback"]));
    expect(text).toMatch(/Undid:\n#1 .* turned \*\*indexing\*\* on/);

    const { text: list } = await kb.send(kb.command("plugins", admin, {}, ["list"]));
    expect(list).toContain("⏸️ off · **indexing**");
    const { text: history } = await kb.send(kb.command("plugins", admin, {}, ["history"]));
    expect(history).toMatch(/#2 .* turned \*\*indexing\*\* off \(undoing #1\)/);
  });

  it("keeps core plugins on and refuses to turn off a plugin another one needs", async () => {
    const admin = kb.scene({ admin: true });
    const core = await kb.send(kb.command("plugins", admin, { plugin: "privacy" }, ["disable"]));
    expect(core.text).toMatch(/`privacy` is a core plugin and is always on\./);

    await kb.send(kb.command("plugins", admin, { plugin: "indexing" }, ["enable"]));
    const needed = await kb.send(kb.command("plugins", admin, { plugin: "knowledge" }, ["disable"]));
    expect(needed.text).toMatch(/`indexing` needs `knowledge`: disable it first\./);
  });

  it("names the permission the bot lacks for a plugin, and how to grant it", async () => {
    const admin = kb.scene({ admin: true });
    await kb.send(kb.command("plugins", admin, { plugin: "indexing" }, ["enable"]));
    const interaction = {
      ...kb.command("index", admin, { channel: FIXTURE_CHANNEL }),
      app_permissions: (PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages).toString(),
    };

    const { body } = await kb.send(interaction);

    expect(body.type).toBe(4);
    expect(inline(body)).toContain("I need the **Read Message History** permission in this channel.");
  });
});

describe("the incremental indexing sync", () => {
  it("indexes a message posted after /index once the sync runs, so /search finds it", async () => {
    const admin = kb.scene({ admin: true });
    await kb.send(kb.command("plugins", admin, { plugin: "indexing" }, ["enable"]));
    await kb.send(kb.command("index", admin, { channel: FIXTURE_CHANNEL }), (text) => text.startsWith("✅"));
    const posted = { id: snowflake(), channelId: FIXTURE_CHANNEL, authorId: "402000000000000001" };
    kb.bot.sink?.history?.add({
      ...posted,
      createdAt: Date.now(),
      content: "the zeppelin hangar opens at dawn",
    });

    const before = await kb.send(kb.command("search", admin, { query: "zeppelin hangar" }));
    expect(before.text).not.toContain(posted.id);
    // The recurring task every five minutes, scheduled now as a one-shot for this server.
    await kb.bot.scheduler.schedule({
      kind: "indexing.sync",
      guildId: admin.guildId ?? "",
      runAt: Date.now(),
    });
    await kb.bot.scheduler.tick();

    const after = await eventuallyFound(admin, posted.id);
    expect(after).toContain(posted.id);
  }, 60_000);
});

async function eventuallyFound(scene: ReturnType<typeof kb.scene>, id: string): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const { text } = await kb.send(kb.command("search", scene, { query: "zeppelin hangar" }));
    if (text.includes(id)) return text;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return "";
}
