import type { ToolOutcome } from "@megawatts/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { G, type ToolHarness, toolHarness } from "../test-kit.ts";

let h: ToolHarness;
beforeEach(async () => {
  h = await toolHarness();
});
afterEach(() => h.close());

function done(outcome: ToolOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.message}`);
  return outcome.result;
}
const data = <T>(outcome: ToolOutcome) => done(outcome).data as T;

describe("role tools", () => {
  it("create, update, assign, remove and delete a role", async () => {
    const { id } = data<{ id: string }>(
      await h.run(G.adminId, "role_create", { name: "Helpers", permissions: ["ManageMessages"] }),
    );
    done(await h.run(G.adminId, "role_update", { roleId: id, name: "Helpers+", color: 255 }));
    done(await h.run(G.adminId, "role_assign", { memberId: G.memberId, roleId: id }));
    expect(h.state()?.members.find((m) => m.user.id === G.memberId)?.roles).toContain(id);
    done(await h.run(G.adminId, "role_remove", { memberId: G.memberId, roleId: id }));
    expect(h.state()?.members.find((m) => m.user.id === G.memberId)?.roles).not.toContain(id);
    expect(h.state()?.roles.find((role) => role.id === id)).toMatchObject({
      name: "Helpers+",
      color: 255,
      permissions: "8192",
    });
    done(await h.run(G.adminId, "role_delete", { roleId: id }));
    expect(h.state()?.roles.some((role) => role.id === id)).toBe(false);
  });

  it("refuses to create a role with a permission the member lacks", async () => {
    const outcome = await h.run(G.moderatorId, "role_create", {
      name: "Sneaky",
      permissions: ["Administrator"],
    });
    expect(outcome).toMatchObject({ ok: false, refusal: { rule: "member-permission" } });
  });
});

describe("channel tools", () => {
  it("create text, voice and category channels and a thread; update, lock, unlock, read and delete", async () => {
    const text = data<{ id: string }>(
      await h.run(G.adminId, "channel_create", { name: "events", topic: "What's on" }),
    );
    data(await h.run(G.adminId, "channel_create", { name: "Stage", type: "voice" }));
    data(await h.run(G.adminId, "channel_create", { name: "Archive", type: "category" }));
    data(await h.run(G.adminId, "thread_create", { channelId: text.id, name: "Friday" }));
    done(await h.run(G.adminId, "channel_update", { channelId: text.id, slowmode: 30, name: "events-2026" }));
    done(await h.run(G.adminId, "channel_lock", { channelId: text.id }));
    // Locking keeps the bot able to speak in the channel (its own member overwrite).
    done(await h.run(G.adminId, "message_send", { channelId: text.id, content: "Locked for now." }));
    const locked = data<{ overwrites: { id: string; deny: string }[]; slowmode: number }>(
      await h.run(G.adminId, "channel_info", { channelId: text.id }),
    );
    expect(locked.slowmode).toBe(30);
    expect(BigInt(locked.overwrites.find((o) => o.id === G.guildId)?.deny ?? "0") & 2048n).toBe(2048n);
    done(await h.run(G.adminId, "channel_unlock", { channelId: text.id }));
    const unlocked = data<{ overwrites: { id: string; deny: string }[] }>(
      await h.run(G.adminId, "channel_info", { channelId: text.id }),
    );
    expect(BigInt(unlocked.overwrites.find((o) => o.id === G.guildId)?.deny ?? "0") & 2048n).toBe(0n);
    expect(h.state()?.channels.map((c) => c.name)).toEqual(
      expect.arrayContaining(["events-2026", "Stage", "Archive", "Friday"]),
    );
    done(await h.run(G.adminId, "channel_delete", { channelId: text.id }));
    expect(h.state()?.channels.some((c) => c.id === text.id)).toBe(false);
  });
});

describe("member tools", () => {
  it("read, time out, end the timeout, kick, ban and unban", async () => {
    expect(
      data<{ username: string }>(await h.run(G.moderatorId, "member_info", { memberId: G.memberId }))
        .username,
    ).toBe("margaret");
    done(await h.run(G.moderatorId, "member_timeout", { memberId: G.memberId, minutes: 10 }));
    expect(
      Date.parse(
        h.state()?.members.find((m) => m.user.id === G.memberId)?.communication_disabled_until ?? "",
      ),
    ).toBeGreaterThan(Date.now());
    done(await h.run(G.moderatorId, "member_timeout_remove", { memberId: G.memberId }));
    expect(h.state()?.members.find((m) => m.user.id === G.memberId)?.communication_disabled_until).toBeNull();
    done(await h.run(G.moderatorId, "member_kick", { memberId: G.testerId }));
    done(await h.run(G.adminId, "member_ban", { userId: G.otherMemberId, deleteMessageHours: 1 }));
    expect(h.state()?.bans.map((ban) => ban.user.id)).toEqual([G.otherMemberId]);
    expect(h.state()?.messages[G.generalId]?.some((m) => m.content.includes("cheap coins"))).toBe(false);
    done(await h.run(G.adminId, "member_unban", { userId: G.otherMemberId }));
    expect(h.state()?.bans).toEqual([]);
    expect(h.state()?.members.some((m) => m.user.id === G.testerId)).toBe(false);
  });
});

describe("member_timeout and the clock", () => {
  it("ends the timeout at the clock port's time plus the duration", async () => {
    await h.close();
    const now = Date.parse("2026-12-09T12:00:00.000Z") + (Date.now() % 1000);
    h = await toolHarness({ clock: { now: () => now } });
    const result = data<{ until: string }>(
      await h.run(G.moderatorId, "member_timeout", { memberId: G.memberId, minutes: 90 }),
    );
    const expected = new Date(now + 90 * 60_000).toISOString();
    expect(result.until).toBe(expected);
    expect(h.state()?.members.find((m) => m.user.id === G.memberId)?.communication_disabled_until).toBe(
      expected,
    );
  });
});

describe("message tools", () => {
  it("send, get, edit, pin, unpin and delete a message", async () => {
    const { id } = data<{ id: string }>(
      await h.run(G.moderatorId, "message_send", { channelId: G.generalId, content: "Hello @everyone" }),
    );
    done(
      await h.run(G.moderatorId, "message_edit", {
        channelId: G.generalId,
        messageId: id,
        content: "Hello all",
      }),
    );
    expect(
      data<{ content: string }>(
        await h.run(G.moderatorId, "message_get", { channelId: G.generalId, messageId: id }),
      ).content,
    ).toBe("Hello all");
    done(await h.run(G.moderatorId, "message_pin", { channelId: G.generalId, messageId: id }));
    expect(h.state()?.messages[G.generalId]?.find((m) => m.id === id)?.pinned).toBe(true);
    done(await h.run(G.moderatorId, "message_unpin", { channelId: G.generalId, messageId: id }));
    expect(h.state()?.messages[G.generalId]?.find((m) => m.id === id)?.pinned).toBe(false);
    expect(
      data<unknown[]>(await h.run(G.moderatorId, "message_get", { channelId: G.generalId, limit: 3 })),
    ).toHaveLength(3);
    done(await h.run(G.moderatorId, "message_delete", { channelId: G.generalId, messageId: id }));
    expect(h.state()?.messages[G.generalId]?.some((m) => m.id === id)).toBe(false);
  });

  it("edits the bot's own message without Manage Messages, as Discord allows, and never another's", async () => {
    const { id } = data<{ id: string }>(
      await h.run(G.memberId, "message_send", { channelId: G.generalId, content: "Lunch at noon" }),
    );
    done(
      await h.run(G.memberId, "message_edit", {
        channelId: G.generalId,
        messageId: id,
        content: "Lunch at one",
      }),
    );
    expect(h.state()?.messages[G.generalId]?.find((m) => m.id === id)?.content).toBe("Lunch at one");

    // In #staff the bot's role is denied Manage Messages; its own post is still editable.
    const staff = data<{ id: string }>(
      await h.run(G.moderatorId, "message_send", { channelId: G.staffId, content: "Shift plan" }),
    );
    done(
      await h.run(G.moderatorId, "message_edit", {
        channelId: G.staffId,
        messageId: staff.id,
        content: "Shift plan v2",
      }),
    );
    expect(h.state()?.messages[G.staffId]?.find((m) => m.id === staff.id)?.content).toBe("Shift plan v2");

    const theirs = h.state()?.messages[G.generalId]?.find((m) => m.content === "Welcome everyone!");
    const refused = await h.run(G.moderatorId, "message_edit", {
      channelId: G.generalId,
      messageId: theirs?.id ?? "",
      content: "Edited by someone else",
    });
    expect(refused.ok || refused.refusal.message).toContain("code 50005");
    expect(h.state()?.messages[G.generalId]?.find((m) => m.id === theirs?.id)?.content).toBe(
      "Welcome everyone!",
    );
  });

  it("bulk-deletes only messages younger than 14 days and says the older ones were left", async () => {
    const result = done(
      await h.run(G.moderatorId, "message_bulk_delete", { channelId: G.generalId, count: 50 }),
    );
    expect(result.data).toEqual({ deleted: 4, stoppedAtOld: true });
    expect(result.summary).toContain("younger than 14 days");
    expect(h.state()?.messages[G.generalId]?.map((m) => m.content)).toEqual([
      "Welcome everyone!",
      "Has anyone read the rules?",
    ]);
  });

  it("bulk-deletes by author and text, in calls of at most 100, reporting progress", async () => {
    for (let index = 0; index < 150; index += 1)
      await h.rest.call({
        method: "POST",
        route: `/channels/${G.generalId}/messages`,
        body: { content: `spam ${index}` },
      });
    const progress: string[] = [];
    const outcome = await h.executor.execute(
      {
        tool: "message_bulk_delete",
        params: { channelId: G.generalId, count: 200, authorId: G.botId, contains: "spam" },
        actor: {
          guildId: G.guildId,
          channelId: G.generalId,
          userId: G.adminId,
          roleIds: [G.roles.admin],
          botUserId: G.botId,
        },
        reference: "purge",
      },
      { progress: async (line) => void progress.push(line) },
    );
    expect(outcome.ok && outcome.result.data).toEqual({ deleted: 150, stoppedAtOld: true });
    expect(progress).toEqual(["Deleted 100 of 150 messages…", "Deleted 150 of 150 messages…"]);
    const bulk = h.sink.events().filter((e) => e.path.endsWith("/bulk-delete"));
    expect(bulk.map((e) => (e.body as { messages: string[] }).messages.length)).toEqual([100, 50]);
    expect(h.state()?.messages[G.generalId]).toHaveLength(6);
  });
});

describe("server tools", () => {
  it("read the overview, channels, roles and a page of members", async () => {
    expect(
      data<{ members: number; ownerId: string }>(await h.run(G.memberId, "server_info", {})),
    ).toMatchObject({ members: 7, ownerId: G.ownerId });
    expect(
      data<{ name: string }[]>(await h.run(G.memberId, "server_channels", {})).map((c) => c.name),
    ).toContain("general");
    expect(data<{ name: string }[]>(await h.run(G.memberId, "server_roles", {}))[0]?.name).toBe("Admin");
    const page = data<{ members: { id: string }[]; next: string | null }>(
      await h.run(G.memberId, "server_members", { limit: 3 }),
    );
    expect(page.members).toHaveLength(3);
    const rest = data<{ members: { id: string }[] }>(
      await h.run(G.memberId, "server_members", { limit: 100, after: page.next }),
    );
    expect(rest.members).toHaveLength(4);
  });

  it("says listing members needs the privileged intent when Discord refuses", async () => {
    await h.close();
    h = await toolHarness({ sink: { membersIntent: false } });
    const outcome = await h.run(G.memberId, "server_members", {});
    expect(outcome.ok || outcome.refusal.message).toContain("Server Members privileged intent");
  });
});

describe("webhook tools", () => {
  it("create, list, update, execute and delete a webhook", async () => {
    const { id } = data<{ id: string }>(
      await h.run(G.moderatorId, "webhook_create", { channelId: G.generalId, name: "Announcer" }),
    );
    expect(
      data<{ name: string }[]>(await h.run(G.moderatorId, "webhook_list", {})).map((w) => w.name),
    ).toEqual(["Announcer"]);
    done(
      await h.run(G.moderatorId, "webhook_update", {
        webhookId: id,
        name: "Herald",
        channelId: G.announcementsId,
      }),
    );
    done(await h.run(G.moderatorId, "webhook_execute", { webhookId: id, content: "News!" }));
    expect(h.state()?.messages[G.announcementsId]?.at(-1)).toMatchObject({
      content: "News!",
      author: { username: "Herald" },
    });
    done(await h.run(G.moderatorId, "webhook_delete", { webhookId: id }));
    expect(h.state()?.webhooks).toEqual([]);
  });
});
