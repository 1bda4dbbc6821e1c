import { createEnvelope, createWarmData, SealedSchema } from "@megawatts/core";
import { loadCase, openCase } from "@megawatts/plugin-moderation/cases";
import { FakeKeyService, InMemorySubjectKeyStore } from "@megawatts/testing/crypto-fakes";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dataFixture } from "../data-fixtures.ts";
import { buttonsOf, G, lastText, type ModerationHarness, moderationHarness } from "./harness.ts";

describe("case numbers on DynamoDB Local", () => {
  it("gives 50 concurrent actions the numbers 1 to 50, each once, with no gap", async () => {
    const fx = await dataFixture("mod-cases");
    const data = createWarmData({
      store: fx.store,
      clock: fx.clock,
      isSealed: (v) => SealedSchema.safeParse(v).success,
    });
    const envelope = createEnvelope({
      keys: new FakeKeyService(),
      store: new InMemorySubjectKeyStore(),
      clock: fx.clock,
    });
    const deps = { data, envelope, clock: fx.clock };

    const opened = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        openCase(deps, G.guildId, {
          action: "warn",
          targetId: G.memberId,
          moderatorId: G.moderatorId,
          source: "command",
          reason: `reason ${index}`,
        }),
      ),
    );

    const numbers = opened.map((record) => record.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    const fiftieth = await loadCase(deps, G.guildId, 50);
    expect(fiftieth?.reason).toMatch(/^reason \d+$/);
  });
});

let h: ModerationHarness;
beforeEach(async () => {
  h = await moderationHarness();
});
afterEach(async () => {
  await h.close();
});

const warn = (target: string, reason: string) => h.command(G.moderatorId, "warn", { member: target, reason });

describe("cases through the commands", () => {
  it("numbers 50 concurrent warnings 1 to 50", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => warn(G.memberId, `spam ${index}`)),
    );

    const numbers = results
      .map(({ sent }) => Number(/Case #(\d+)/.exec(lastText(sent))?.[1]))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
  });

  it("shows a case, keeps its old reasons when re-worded, and lets only admins delete it", async () => {
    await warn(G.memberId, "Spam in #general");
    await h.command(G.moderatorId, "case", { number: 1, text: "Spam in #general, third time" }, ["reason"]);

    const shown = await h.command(G.moderatorId, "case", { number: 1 }, ["show"]);
    const embed = JSON.stringify(shown.sent.at(-1)?.embeds);
    expect(embed).toContain("Case #1 · Warn");
    expect(embed).toContain("Spam in #general, third time");
    expect(embed).toContain("Earlier reason 1");
    expect(embed).toContain("Spam in #general —");

    const refused = await h.command(G.moderatorId, "case", { number: 1 }, ["delete"]);
    expect(lastText(refused.sent)).toBe("Deleting a case needs Manage Server. Ask a server admin.");
    const deleted = await h.command(G.adminId, "case", { number: 1 }, ["delete"]);
    expect(lastText(deleted.sent)).toContain("Case #1 is deleted");
    const after = JSON.stringify(
      (await h.command(G.moderatorId, "case", { number: 1 }, ["show"])).sent.at(-1)?.embeds,
    );
    expect(after).not.toContain("Spam in #general");
    expect(after).toContain("*deleted*");
    expect(lastText((await warn(G.memberId, "next")).sent)).toContain("Case #2");
  });

  it("lists a member's cases five a page, newest first, with Previous / Next", async () => {
    for (let index = 1; index <= 7; index += 1) await warn(G.memberId, `warning ${index}`);
    await warn(G.testerId, "someone else");

    const first = await h.command(G.moderatorId, "cases", { user: G.memberId });
    expect(lastText(first.sent).match(/\*\*#\d+\*\*/g)).toEqual([
      "**#7**",
      "**#6**",
      "**#5**",
      "**#4**",
      "**#3**",
    ]);
    const [, next = ""] = buttonsOf(first.sent);
    const second = await h.press(G.moderatorId, next);
    expect(lastText(second.sent).match(/\*\*#\d+\*\*/g)).toEqual(["**#2**", "**#1**"]);

    const menu = await h.command(G.moderatorId, "Moderation history", {});
    expect(menu.reply).toMatchObject({ type: "defer", job: { kind: "moderation.command" } });
  });
});

describe("the mod log", () => {
  it("posts every case as an embed and edits the same entry when the reason changes", async () => {
    const set = await h.command(G.adminId, "modlog", { channel: G.generalId });
    expect(lastText(set.sent)).toContain(`Every case is now posted in <#${G.generalId}>.`);

    await warn(G.memberId, "First reason");
    const posts = () =>
      (h.state()?.messages[G.generalId] ?? []).filter((message) => message.author.id === G.botId);
    const entry = posts().at(-1);
    expect(JSON.stringify(entry?.embeds)).toContain("Case #1 · Warn");

    await h.command(G.moderatorId, "case", { number: 1, text: "Better reason" }, ["reason"]);
    const edited = posts().find((message) => message.id === entry?.id);
    expect(JSON.stringify(edited?.embeds)).toContain("Better reason");
    expect(posts().length).toBe(2);
  });

  it("is only for members who may manage the server", async () => {
    const { sent } = await h.command(G.moderatorId, "modlog", { channel: G.announcementsId });
    expect(lastText(sent)).toBe("Setting the mod log needs Manage Server. Ask a server admin.");
  });
});

describe("/modstats", () => {
  it("counts actions and command use per server for admins, and expires the counters after 90 days", async () => {
    await warn(G.memberId, "one");
    await warn(G.memberId, "two");
    await h.command(G.moderatorId, "warn", { member: G.ownerId, reason: "refused" });

    const { sent } = await h.command(G.adminId, "modstats", {});
    expect(lastText(sent)).toContain("`action.warn` 2");
    expect(lastText(sent)).toContain("`command.warn` 3");
    expect(lastText((await h.command(G.moderatorId, "modstats", {})).sent)).toContain("needs Manage Server");

    const counters = [...h.ports.store.items.values()].filter((item) => item.sk.startsWith("STAT#"));
    expect(counters.length).toBeGreaterThan(0);
    for (const counter of counters)
      expect((counter.expiresAt ?? 0) * 1000 - counter.createdAt).toBeLessThanOrEqual(90 * 86_400_000 + 1000);
  });
});
