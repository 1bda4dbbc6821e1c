import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buttonsOf, G, lastText, type ModerationHarness, moderationHarness } from "./harness.ts";

let h: ModerationHarness;
beforeEach(async () => {
  h = await moderationHarness();
});
afterEach(async () => {
  await h.close();
});

const HOUR = 3_600_000;
const banned = () => h.state()?.bans.map((ban) => ban.user.id) ?? [];

describe("a temporary ban", () => {
  it("is lifted by its scheduled job when the clock reaches its end, which writes its own case", async () => {
    await h.command(G.adminId, "modlog", { channel: G.generalId });
    const asked = await h.command(G.adminId, "ban", { user: G.memberId, reason: "Cool off", hours: 2 });
    expect(lastText(asked.sent)).toContain("The ban ends by itself after 2 hours.");
    await h.press(G.adminId, buttonsOf(asked.sent)[0] ?? "");
    expect(banned()).toEqual([G.memberId]);
    expect([...h.scheduler.pending.values()].map((task) => task.kind)).toEqual(["moderation.unban"]);

    h.ports.clock.advance(HOUR);
    await h.runDue();
    expect(banned()).toEqual([G.memberId]);

    h.ports.clock.advance(HOUR);
    await h.runDue();
    expect(banned()).toEqual([]);
    const shown = await h.command(G.adminId, "case", { number: 2 }, ["show"]);
    const embed = JSON.stringify(shown.sent.at(-1)?.embeds);
    expect(embed).toContain("Case #2 · Unban");
    expect(embed).toContain("case #1");
    const log = (h.state()?.messages[G.generalId] ?? []).filter((message) => message.author.id === G.botId);
    expect(
      JSON.stringify(log.find((message) => JSON.stringify(message.embeds).includes("Case #1"))?.embeds),
    ).toContain("Lifted");
  });

  it("loses its scheduled end when someone unbans first", async () => {
    const asked = await h.command(G.adminId, "ban", { user: G.memberId, reason: "x", hours: 5 });
    await h.press(G.adminId, buttonsOf(asked.sent)[0] ?? "");
    await h.command(G.adminId, "unban", { user: G.memberId });

    expect(h.scheduler.pending.size).toBe(0);
  });
});

describe("a member's report", () => {
  it("reaches the reports channel and is handled through its buttons, on a case", async () => {
    await h.command(G.adminId, "modlog", { channel: G.generalId, reports: G.staffId });
    const spam = (h.state()?.messages[G.generalId] ?? []).find((message) =>
      message.content.startsWith("buy cheap"),
    );
    if (!spam) throw new Error("no spam in the fixture");

    const modal = await h.reportMenu(G.testerId, {
      id: spam.id,
      content: spam.content,
      authorId: G.otherMemberId,
    });
    expect(modal).toMatchObject({ type: "modal" });
    const customId = (modal as { modal: { custom_id: string } }).modal.custom_id;
    const submitted = await h.press(G.testerId, customId, {
      type: 5,
      data: {
        custom_id: customId,
        components: [{ type: 1, components: [{ type: 4, custom_id: "reason", value: "Scam link" }] }],
      },
    });
    expect(lastText(submitted.sent)).toContain("your report was sent to the moderators");

    const report = (h.state()?.messages[G.staffId] ?? []).at(-1);
    expect(JSON.stringify(report?.embeds)).toContain("buy cheap coins");
    const buttons =
      ((report?.components ?? []) as { components: { custom_id: string; label: string }[] }[])[0]
        ?.components ?? [];
    expect(buttons.map((button) => button.label)).toEqual([
      "Warn",
      "Timeout 1h",
      "Delete message",
      "Dismiss",
    ]);

    const refused = await h.press(G.memberId, buttons[1]?.custom_id ?? "", { message: report });
    expect(refused.reply).toMatchObject({ type: "message" });

    const handled = await h.press(G.moderatorId, buttons[1]?.custom_id ?? "", { message: report });
    const edit = JSON.stringify(handled.sent.at(-1));
    expect(edit).toContain(`<@${G.moderatorId}> timed the author out for 1 hour (case #1).`);
    expect(handled.sent.at(-1)?.components).toEqual([]);
    const author = h.state()?.members.find((member) => member.user.id === G.otherMemberId);
    expect(author?.communication_disabled_until).not.toBeNull();
    const shown = JSON.stringify(
      (await h.command(G.moderatorId, "case", { number: 1 }, ["show"])).sent.at(-1)?.embeds,
    );
    expect(shown).toContain("Reported message: Scam link");
    expect(shown).toContain("member report");
  });

  it("says plainly when the server has no reports channel", async () => {
    const modal = await h.reportMenu(G.testerId, {
      id: "1200000000000000001",
      content: "hi",
      authorId: G.memberId,
    });
    const customId = (modal as { modal: { custom_id: string } }).modal.custom_id;
    const { sent } = await h.press(G.testerId, customId, {
      type: 5,
      data: {
        custom_id: customId,
        components: [{ type: 1, components: [{ type: 4, custom_id: "reason", value: "rude" }] }],
      },
    });

    expect(lastText(sent)).toContain("This server has no reports channel yet");
  });
});

describe("the audit-log sync", () => {
  it("records what people did in Discord's UI as cases, once each, and skips the bot's own actions", async () => {
    await h.command(G.moderatorId, "warn", { member: G.testerId, reason: "hello" });
    await h.command(G.moderatorId, "timeout", { member: G.testerId, minutes: 5, reason: "bot-made" });
    h.sink.act(G.guildId, { as: G.adminId, action: "ban", target: G.otherMemberId, reason: "Raid" });
    h.sink.act(G.guildId, { as: G.moderatorId, action: "timeout", target: G.memberId, minutes: 30 });
    h.sink.act(G.guildId, { as: G.moderatorId, action: "kick", target: G.memberId });

    await h.runTask("moderation.audit-sync");
    await h.runTask("moderation.audit-sync");

    const cases = async (user: string) => lastText((await h.command(G.moderatorId, "cases", { user })).sent);
    expect(await cases(G.otherMemberId)).toMatch(/\*\*#3\*\* Ban · .* · Raid/);
    expect((await cases(G.memberId)).match(/\*\*#\d+\*\* \w+/g)).toEqual(["**#5** Kick", "**#4** Timeout"]);
    expect((await cases(G.testerId)).match(/\*\*#\d+\*\*/g)).toEqual(["**#2**", "**#1**"]);

    h.sink.act(G.guildId, { as: G.adminId, action: "unban", target: G.otherMemberId });
    await h.runTask("moderation.audit-sync");
    expect(await cases(G.otherMemberId)).toMatch(/\*\*#6\*\* Unban/);
  });
});
