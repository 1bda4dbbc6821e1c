import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AdminHarness, adminHarness, buttonsOf, G } from "./harness.ts";

let h: AdminHarness;
beforeEach(async () => {
  h = await adminHarness();
});
afterEach(() => h.close());

const general = () => h.state()?.messages[G.generalId] ?? [];

describe("admin commands", () => {
  it("create a role, assign it and lock a channel, each reported", async () => {
    const created = await h.command(G.adminId, "role", ["create"], { name: "Helpers" });
    expect(created.reply).toMatchObject({ type: "defer", ephemeral: true });
    expect(created.sent.at(-1)?.content).toMatch(/^✅ Created <@&\d+> \(Helpers\)\.$/);
    const role = h.state()?.roles.find((candidate) => candidate.name === "Helpers");
    const assigned = await h.command(G.adminId, "role", ["assign"], {
      member: G.memberId,
      role: role?.id ?? "",
    });
    expect(assigned.sent.at(-1)?.content).toContain("✅ Gave");
    expect(h.state()?.members.find((member) => member.user.id === G.memberId)?.roles).toContain(role?.id);
    await h.command(G.moderatorId, "channel", ["lock"]);
    const overwrite = h
      .state()
      ?.channels.find((channel) => channel.id === G.generalId)
      ?.permission_overwrites?.find((o) => o.id === G.guildId);
    expect(BigInt(overwrite?.deny ?? "0") & 2048n).toBe(2048n);
  });

  it("refuses in plain sentences with the rule, the fix and a reference id", async () => {
    const { sent } = await h.command(G.memberId, "role", ["create"], { name: "Mine" });
    expect(sent.at(-1)?.content).toMatch(
      /^✋ You need ManageRoles in this server to use role_create\.\nAsk a server admin[^\n]*$/,
    );
  });

  it("asks before a purge, lets only the invoker confirm, then deletes and reports", async () => {
    const before = general().length;
    const asked = await h.command(G.moderatorId, "message", ["purge"], { count: 3 });
    expect(asked.sent.at(-1)?.content).toContain("Please confirm");
    expect(general()).toHaveLength(before);
    const [confirm = "", cancel = ""] = buttonsOf(asked.sent);
    expect(confirm).toMatch(new RegExp(`^admin:confirm:pl_\\w+:${G.moderatorId}$`));
    expect(cancel).toMatch(/^admin:cancel:/);

    const stranger = await h.press(G.adminId, confirm);
    expect(stranger.reply).toMatchObject({ type: "message", ephemeral: true });
    expect(general()).toHaveLength(before);

    const confirmed = await h.press(G.moderatorId, confirm);
    expect(confirmed.sent.at(-1)?.content).toMatch(/^1\. `message_bulk_delete` .* → ✅ Deleted 3 messages/);
    expect(confirmed.sent.at(-1)?.components).toEqual([]);
    expect(general()).toHaveLength(before - 3);

    const again = await h.press(G.moderatorId, confirm);
    expect(again.sent.at(-1)?.content).toContain("expired or was already used");
    expect(general()).toHaveLength(before - 3);
  });

  it("keeps a pending plan in the hot tier sealed, tagged with the invoker for erasure", async () => {
    await h.command(G.moderatorId, "message", ["purge"], { count: 2, contains: "cheap coins" });
    const view = h.ports.cache.tenant(G.guildId);
    const [entry] = await view.members(`user:${G.moderatorId}`);
    const raw = (entry && (await view.get(entry))) ?? "";
    expect(raw).toContain('"sealed"');
    expect(raw).not.toContain("cheap coins");
  });

  it("refuses a confirm job from someone else even past the ingress, leaving the server unchanged", async () => {
    const asked = await h.command(G.moderatorId, "message", ["purge"], { count: 2 });
    const [confirm = ""] = buttonsOf(asked.sent);
    const forged = confirm.replace(G.moderatorId, G.adminId);
    const pressed = await h.press(G.adminId, forged);
    expect(pressed.sent).toEqual([
      expect.objectContaining({
        kind: "followUp",
        flags: 64,
        content: expect.stringContaining(`Only <@${G.moderatorId}>`),
      }),
    ]);
    expect(general()).toHaveLength(6);
  });

  it("checks again on click: a confirm after the member lost the permission is refused", async () => {
    const asked = await h.command(G.moderatorId, "role", ["delete"], { role: G.roles.member });
    const [confirm = ""] = buttonsOf(asked.sent);
    await h.rest.delete(`/guilds/${G.guildId}/members/${G.moderatorId}/roles/${G.roles.moderator}`);
    // The click carries the member's roles at the time of the click.
    const pressed = await h.pressWithRoles(G.moderatorId, [G.roles.member], confirm);
    expect(pressed.sent.at(-1)?.content).toContain("✋ You need ManageRoles");
    expect(h.state()?.roles.some((role) => role.id === G.roles.member)).toBe(true);
  });

  it("cancels a dangerous action and changes nothing", async () => {
    const asked = await h.command(G.adminId, "channel", ["delete"], { channel: G.announcementsId });
    const [, cancel = ""] = buttonsOf(asked.sent);
    const cancelled = await h.press(G.adminId, cancel);
    expect(cancelled.sent.at(-1)?.content).toBe("Cancelled; nothing was changed.");
    expect(h.state()?.channels.some((channel) => channel.id === G.announcementsId)).toBe(true);
  });

  it("edits a progress line while purging hundreds of messages", async () => {
    await h.close();
    const flood = Array.from({ length: 250 }, (_, index) => ({
      channelId: G.generalId,
      authorId: G.otherMemberId,
      content: `flood ${index}`,
      ageMinutes: 10 - index / 100,
    }));
    h = await adminHarness({ messages: flood });
    const asked = await h.command(G.adminId, "message", ["purge"], { count: 250, contains: "flood" });
    const confirmed = await h.press(G.adminId, buttonsOf(asked.sent)[0] ?? "");
    const lines = confirmed.sent.map((message) => message.content?.split("\n").at(-1));
    expect(lines).toEqual(
      expect.arrayContaining(["Deleted 100 of 250 messages…", "Deleted 200 of 250 messages…"]),
    );
    expect(general().some((message) => message.content.startsWith("flood"))).toBe(false);
  });
});
