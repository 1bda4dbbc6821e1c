import type { ToolOutcome } from "@megawatts/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { G, type ToolHarness, toolHarness } from "./test-kit.ts";

let h: ToolHarness;
afterEach(() => h.close());

function refusal(outcome: ToolOutcome) {
  if (outcome.ok) throw new Error(`expected a refusal, got: ${outcome.result.summary}`);
  return outcome.refusal;
}

describe("the tool executor's checks", () => {
  beforeEach(async () => {
    h = await toolHarness();
  });

  it("refuses a member without the tool's permission and says which one", async () => {
    const outcome = refusal(await h.run(G.memberId, "role_create", { name: "Mine" }));
    expect(outcome.rule).toBe("member-permission");
    expect(outcome.message).toContain("ManageRoles");
    expect(h.state()?.roles.some((role) => role.name === "Mine")).toBe(false);
  });

  it("refuses when the bot lacks the permission in the target channel's overwrites", async () => {
    const outcome = refusal(
      await h.run(G.adminId, "message_bulk_delete", { channelId: G.staffId, count: 5 }),
    );
    expect(outcome.rule).toBe("bot-permission");
    expect(outcome.message).toContain("ManageMessages");
    expect(h.state()?.messages[G.staffId]).toHaveLength(1);
  });

  it("refuses a role at or above the member's highest role", async () => {
    const same = refusal(
      await h.run(G.moderatorId, "role_assign", { memberId: G.memberId, roleId: G.roles.moderator }),
    );
    expect(same.rule).toBe("hierarchy");
    expect(same.message).toContain("Your highest role (Moderator) is not above Moderator");
  });

  it("refuses a role at or above the bot's highest role, even for the owner", async () => {
    const outcome = refusal(
      await h.run(G.ownerId, "role_assign", { memberId: G.memberId, roleId: G.roles.admin }),
    );
    expect(outcome).toMatchObject({ rule: "hierarchy" });
    expect(outcome.fix).toContain("Move the bot's role above Admin");
  });

  it("refuses acting on a member who ranks at or above the actor", async () => {
    const outcome = refusal(
      await h.run(G.moderatorId, "member_timeout", { memberId: G.adminId, minutes: 10 }),
    );
    expect(outcome.rule).toBe("hierarchy");
  });

  it("refuses acting on the server owner and on the bot itself", async () => {
    expect(refusal(await h.run(G.adminId, "member_kick", { memberId: G.ownerId })).rule).toBe("owner");
    expect(refusal(await h.run(G.adminId, "member_ban", { userId: G.botId })).rule).toBe("self");
    expect(h.state()?.members.map((member) => member.user.id)).toEqual(
      expect.arrayContaining([G.ownerId, G.botId]),
    );
  });

  it("refuses invalid parameters with the field at fault, and unknown tools", async () => {
    const outcome = refusal(await h.run(G.adminId, "member_timeout", { memberId: "nope", minutes: 0 }));
    expect(outcome.rule).toBe("parameters");
    expect(outcome.message).toMatch(/memberId: .*minutes: /);
    expect(refusal(await h.run(G.adminId, "server_nuke", {})).rule).toBe("unknown-tool");
  });

  it("treats a channel it cannot find in this server as unknown", async () => {
    const outcome = refusal(await h.run(G.adminId, "channel_delete", { channelId: "1200000000000000001" }));
    expect(outcome.rule).toBe("not-found");
  });

  it("sends the member's id and reason as X-Audit-Log-Reason and keeps an ids-only audit entry", async () => {
    const outcome = await h.run(G.adminId, "role_assign", {
      memberId: G.memberId,
      roleId: G.roles.moderator,
    });
    expect(outcome.ok).toBe(true);
    expect(h.state()?.audit_log.at(-1)).toMatchObject({
      target_id: G.memberId,
      reason: `${G.adminId}: test`,
    });
    expect(h.audit).toEqual([
      {
        actor: `user:${G.adminId}`,
        action: "tool.role-assign",
        tenant: G.guildId,
        subject: G.memberId,
        reference: "test-1",
      },
    ]);
  });
});

describe("the dangerous tools' rate limit", () => {
  it("refuses a server's dangerous calls beyond the limit, held per server and tool", async () => {
    h = await toolHarness({ limit: { max: 2, windowSeconds: 60 } });
    expect((await h.run(G.adminId, "member_ban", { userId: G.memberId })).ok).toBe(true);
    expect((await h.run(G.adminId, "member_ban", { userId: G.otherMemberId })).ok).toBe(true);
    const third = refusal(await h.run(G.adminId, "member_ban", { userId: G.testerId }));
    expect(third.rule).toBe("rate-limit");
    expect(third.fix).toMatch(/Wait \d+ seconds/);
    expect(h.state()?.bans.map((ban) => ban.user.id)).toEqual([G.memberId, G.otherMemberId]);
    expect((await h.run(G.adminId, "member_kick", { memberId: G.testerId })).ok).toBe(true);
  });
});

describe("tenant isolation", () => {
  const OTHER = {
    id: "1200000000000000002",
    name: "another server",
    ownerId: "1200000000000000010",
    botUserId: G.botId,
    roles: [
      {
        id: "1200000000000000002",
        name: "@everyone",
        position: 0,
        permissions: ["ViewChannel" as const, "SendMessages" as const],
      },
      { id: "1200000000000000033", name: "megawatts", position: 1, permissions: ["Administrator" as const] },
    ],
    members: [
      { userId: "1200000000000000010", username: "owner" },
      { userId: G.botId, username: "megawatts", roles: ["1200000000000000033"], bot: true },
    ],
    channels: [{ id: "1200000000000000003", name: "elsewhere" }],
    messages: [{ channelId: "1200000000000000003", authorId: "1200000000000000010", content: "Not yours." }],
  };

  it("refuses channels, roles and webhooks of another server the bot is also in", async () => {
    h = await toolHarness({ otherGuilds: [OTHER] });
    const channel = await h.run(G.adminId, "channel_delete", { channelId: "1200000000000000003" });
    expect(channel).toMatchObject({ ok: false, refusal: { rule: "not-found" } });
    const purge = await h.run(G.adminId, "message_bulk_delete", {
      channelId: "1200000000000000003",
      count: 5,
    });
    expect(purge).toMatchObject({ ok: false, refusal: { rule: "not-found" } });
    const role = await h.run(G.adminId, "role_delete", { roleId: "1200000000000000033" });
    expect(role).toMatchObject({ ok: false, refusal: { rule: "not-found" } });
    const other = h.sink.guild(OTHER.id);
    expect(other?.channels.map((c) => c.id)).toEqual(["1200000000000000003"]);
    expect(other?.messages["1200000000000000003"]).toHaveLength(1);
    expect(other?.roles).toHaveLength(2);
  });
});
