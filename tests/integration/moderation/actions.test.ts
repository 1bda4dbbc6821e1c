import { manifest } from "@megawatts/plugin-moderation/manifest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buttonsOf, G, lastText, type ModerationHarness, moderationHarness } from "./harness.ts";

let h: ModerationHarness;
beforeEach(async () => {
  h = await moderationHarness();
});
afterEach(async () => {
  await h.close();
});

const member = (id: string) => h.state()?.members.find((candidate) => candidate.user.id === id);

describe("/warn", () => {
  it("tells the member by direct message, opens case #1 and says so", async () => {
    const { sent } = await h.command(G.moderatorId, "warn", {
      member: G.memberId,
      reason: "Spam in #general",
    });

    expect(lastText(sent)).toContain("✅ Case #1: Warned <@1100000000000000013> by direct message.");
    expect(lastText(sent)).toContain("They were told by direct message.");
    expect(h.sink.dms(G.memberId).map((message) => message.content)).toEqual([
      `You have been warned in a server you are in (id ${G.guildId}). Reason: Spam in #general`,
    ]);
  });

  it("still opens the case when the member does not accept direct messages, and says so", async () => {
    const { sent } = await h.command(G.moderatorId, "warn", { member: G.otherMemberId, reason: "Spam" });

    expect(lastText(sent)).toContain("Case #1");
    expect(lastText(sent)).toContain("I could not send them a direct message");
    expect(h.sink.dms(G.otherMemberId)).toEqual([]);
  });

  it.each([
    ["the owner", G.ownerId, "That is the server owner"],
    ["the bot", G.botId, "That is me"],
    ["themselves", G.moderatorId, "That is you"],
    ["an admin above them", G.adminId, "is not below yours"],
  ])("refuses to warn %s, and opens no case", async (_, target, message) => {
    const { sent } = await h.command(G.moderatorId, "warn", { member: target, reason: "x" });

    expect(lastText(sent)).toContain(message);
    expect(h.sink.dms(target)).toEqual([]);
    const next = await h.command(G.moderatorId, "warn", { member: G.memberId, reason: "first real case" });
    expect(lastText(next.sent)).toContain("Case #1");
  });

  it("refuses a member without Timeout Members", async () => {
    const { sent } = await h.command(G.memberId, "warn", { member: G.otherMemberId, reason: "x" });

    expect(lastText(sent)).toContain("You need ModerateMembers in this server to use member_warn.");
  });
});

describe("/timeout and /untimeout", () => {
  it("times the member out for the minutes given, then ends it", async () => {
    const { sent } = await h.command(G.moderatorId, "timeout", {
      member: G.memberId,
      minutes: 90,
      reason: "Calm down",
    });

    expect(lastText(sent)).toContain("Case #1: Timed out <@1100000000000000013>");
    const until = Date.parse(String(member(G.memberId)?.communication_disabled_until));
    expect(until - Date.now()).toBeGreaterThan(80 * 60_000);

    const lifted = await h.command(G.moderatorId, "untimeout", { member: G.memberId });
    expect(lastText(lifted.sent)).toContain("Case #2: Ended <@1100000000000000013>'s timeout.");
    expect(member(G.memberId)?.communication_disabled_until).toBeNull();
  });

  it("stops at Discord's 28 days: the command's limit, and the server's 400 beyond it", async () => {
    const definition = JSON.stringify(manifest.commands.find((command) => command.name === "timeout"));
    expect(definition).toContain('"max_value":40320');
    const until = new Date(Date.now() + 29 * 86_400_000).toISOString();

    const response = await fetch(`${h.sink.url}/guilds/${G.guildId}/members/${G.memberId}`, {
      method: "PATCH",
      headers: { authorization: "Bot local", "content-type": "application/json" },
      body: JSON.stringify({ communication_disabled_until: until }),
    });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: number }).code).toBe(50035);
    expect(member(G.memberId)?.communication_disabled_until).toBeNull();
  });
});

describe("/kick, /ban, /softban, /unban", () => {
  it("asks to confirm a kick, then kicks on the moderator's Confirm", async () => {
    const asked = await h.command(G.moderatorId, "kick", { member: G.memberId, reason: "Trolling" });
    expect(lastText(asked.sent)).toContain("**Please confirm** (nothing has changed yet):");
    expect(member(G.memberId)).toBeDefined();

    const [confirm = ""] = buttonsOf(asked.sent);
    const refused = await h.press(G.adminId, confirm);
    expect(refused.reply).toMatchObject({ type: "message" });

    const done = await h.press(G.moderatorId, confirm);
    expect(lastText(done.sent)).toContain("Case #1: Kicked <@1100000000000000013>.");
    expect(member(G.memberId)).toBeUndefined();
  });

  it("refuses a ban to a moderator without Ban Members, before asking to confirm", async () => {
    const { sent } = await h.command(G.moderatorId, "ban", { user: G.memberId, reason: "x" });

    expect(lastText(sent)).toContain("You need BanMembers");
    expect(buttonsOf(sent)).toEqual([]);
  });

  it("bans with a message deletion window, and softbans (ban, then unban at once)", async () => {
    const asked = await h.command(G.adminId, "ban", {
      user: G.otherMemberId,
      reason: "Coins spam",
      delete_messages: 1,
    });
    const done = await h.press(G.adminId, buttonsOf(asked.sent)[0] ?? "");
    expect(lastText(done.sent)).toContain("Case #1: Banned <@1100000000000000014>.");
    expect(h.state()?.bans.map((ban) => ban.user.id)).toEqual([G.otherMemberId]);
    const general = h.state()?.messages[G.generalId] ?? [];
    expect(general.some((message) => message.content.startsWith("buy cheap coins"))).toBe(false);

    const soft = await h.command(G.adminId, "softban", { member: G.memberId, reason: "Raid" });
    const softDone = await h.press(G.adminId, buttonsOf(soft.sent)[0] ?? "");
    expect(lastText(softDone.sent)).toContain("Case #2: Banned <@1100000000000000013>.");
    expect(h.state()?.bans.map((ban) => ban.user.id)).toEqual([G.otherMemberId]);
    expect(member(G.memberId)).toBeUndefined();

    const unban = await h.command(G.adminId, "unban", { user: G.otherMemberId });
    expect(lastText(unban.sent)).toContain("Case #3: Lifted the ban on <@1100000000000000014>.");
    expect(h.state()?.bans).toEqual([]);
  });

  it("answers Discord's Unknown Ban in plain words when the user is not banned", async () => {
    const { sent } = await h.command(G.adminId, "unban", { user: G.memberId });

    expect(lastText(sent)).toContain("Discord could not find what member_unban acts on (Unknown Ban)");
  });
});

describe("/purge", () => {
  it("deletes the latest messages after Confirm and records the channel on the case", async () => {
    const asked = await h.command(G.moderatorId, "purge", { count: 2, user: G.otherMemberId });
    const done = await h.press(G.moderatorId, buttonsOf(asked.sent)[0] ?? "");

    expect(lastText(done.sent)).toContain("Case #1: Deleted 2 messages in <#1100000000000000003>.");
  });
});
