import type { ToolOutcome } from "@megawatts/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { G, type ToolHarness, toolHarness } from "../test-kit.ts";
import type { MessageRecord } from "./threads.ts";

let h: ToolHarness;
beforeEach(async () => {
  h = await toolHarness();
});
afterEach(() => h.close());

function data<T>(outcome: ToolOutcome): T {
  if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.message}`);
  return outcome.result.data as T;
}

const keywordRule = (name: string) => ({
  name,
  trigger: { type: "keyword", keywords: ["free nitro"], allow: ["nitro talk"] },
  actions: { blockMessage: "Scam links are blocked here." },
});

describe("thread tools", () => {
  it("start a private thread with a member and a role, read it back, then archive and lock it", async () => {
    const thread = data<{ id: string }>(
      await h.run(G.adminId, "thread_create_private", {
        channelId: G.generalId,
        name: "ticket-margaret",
        memberIds: [G.memberId],
        roleIds: [G.roles.moderator],
        message: "Staff will be with you shortly.",
      }),
    );
    const history = data<MessageRecord[]>(
      await h.run(G.adminId, "message_history", { channelId: thread.id }),
    );
    data(await h.run(G.adminId, "thread_close", { threadId: thread.id }));

    expect(history).toMatchObject([{ authorId: G.botId, content: expect.stringContaining("Staff will be") }]);
    const stored = h.state()?.channels.find((channel) => channel.id === thread.id) as {
      thread_metadata?: { archived: boolean; locked: boolean };
      member_count?: number;
    };
    expect(stored.thread_metadata).toMatchObject({ archived: true, locked: true });
    expect(stored.member_count).toBe(3);
  });

  it("refuse a private thread to a member without Create Private Threads", async () => {
    const outcome = await h.run(G.memberId, "thread_create_private", {
      channelId: G.generalId,
      name: "mine",
      message: "hi",
    });

    expect(outcome).toMatchObject({ ok: false, refusal: { rule: "member-permission" } });
  });
});

describe("AutoMod tools", () => {
  it("create keyword, spam, mention spam and preset rules, list them and delete one", async () => {
    const keyword = data<{ id: string }>(await h.run(G.adminId, "automod_rule_create", keywordRule("Scams")));
    data(
      await h.run(G.adminId, "automod_rule_create", { name: "Spam", trigger: { type: "spam" }, actions: {} }),
    );
    data(
      await h.run(G.adminId, "automod_rule_create", {
        name: "Mass mentions",
        trigger: { type: "mention_spam", limit: 10 },
        actions: { alertChannelId: G.staffId, timeoutSeconds: 600 },
      }),
    );
    data(
      await h.run(G.adminId, "automod_rule_create", {
        name: "Presets",
        trigger: { type: "preset", presets: ["slurs", "profanity"] },
        actions: {},
      }),
    );
    data(await h.run(G.adminId, "automod_rule_delete", { ruleId: keyword.id }));

    const listed = data<{ name: string; line: string }[]>(await h.run(G.adminId, "automod_rule_list", {}));
    expect(listed.map((rule) => rule.name)).toEqual(["Spam", "Mass mentions", "Presets"]);
    expect(listed[1]?.line).toContain(
      "over 10 mentions → block, alert in <#1100000000000000022>, timeout 10 min",
    );
  });

  it("pass on Discord's limit as a refusal: a second spam rule", async () => {
    const spam = { name: "Spam", trigger: { type: "spam" }, actions: {} };
    data(await h.run(G.adminId, "automod_rule_create", spam));

    const outcome = await h.run(G.adminId, "automod_rule_create", spam);

    expect(outcome).toMatchObject({ ok: false, refusal: { rule: "discord" } });
    expect(outcome.ok ? "" : outcome.refusal.message).toContain(
      "Maximum number of rules with trigger type 3 is 1",
    );
  });

  it("refuse a moderator without Manage Server, and a timeout on a spam rule before calling Discord", async () => {
    const moderator = await h.run(G.moderatorId, "automod_rule_list", {});
    const timeout = await h.run(G.adminId, "automod_rule_create", {
      name: "Spam",
      trigger: { type: "spam" },
      actions: { timeoutSeconds: 60 },
    });

    expect(moderator).toMatchObject({ ok: false, refusal: { rule: "member-permission" } });
    expect(timeout).toMatchObject({ ok: false, refusal: { rule: "parameters" } });
  });
});
