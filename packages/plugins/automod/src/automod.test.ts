import { createCommandRegistry } from "@megawatts/core";
import { RecordingLogger } from "@megawatts/testing/fakes";
import { fakeJobContext, jobHandler } from "@megawatts/testing/ports";
import type { APIInteraction, APIMessageComponentInteraction } from "discord-api-types/v10";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { actorOf, G, type ToolHarness, toolHarness } from "../../../discord/src/tools/test-kit.ts";
import { automodIngress } from "./ingress.ts";
import { automodWorker } from "./worker.ts";

let h: ToolHarness;
beforeEach(async () => {
  h = await toolHarness();
});
afterEach(() => h.close());

async function job(kind: string, userId: string, payload: Record<string, unknown>) {
  const { context, responder } = fakeJobContext(kind, {
    guild: G.guildId,
    user: userId,
    payload: { actor: actorOf(userId), ...payload },
  });
  await jobHandler(automodWorker, { serverTools: { executor: h.executor } }, kind)(context);
  return responder.sent.at(-1)?.message ?? { content: "" };
}

const command = (userId: string, path: string[], options: Record<string, unknown> = {}) =>
  job("automod.run", userId, { path, options });
const rules = () =>
  h.executor.execute({ tool: "automod_rule_list", params: {}, actor: actorOf(G.adminId), reference: "t" });
const ruleNames = async () => {
  const listed = await rules();
  return listed.ok ? (listed.result.data as { name: string }[]).map((rule) => rule.name) : [];
};

function press(customId: string, userId: string) {
  const interaction = {
    id: "1300000000000000001",
    application_id: G.botId,
    type: 3,
    token: "token",
    version: 1,
    guild_id: G.guildId,
    channel: { id: G.generalId },
    member: { user: { id: userId, username: "someone" }, roles: actorOf(userId).roleIds, permissions: "0" },
    data: { custom_id: customId, component_type: 2 },
  } as unknown as APIMessageComponentInteraction;
  const [, action = "", ...args] = customId.split(":");
  return automodIngress.components?.[action]?.run({
    interaction,
    args,
    elapsedMs: () => 0,
    commands: [],
    plugins: [],
    logger: new RecordingLogger(),
  });
}

describe("/automod", () => {
  it("is registered with Manage Server as its default permission", () => {
    const registry = createCommandRegistry([automodIngress]);

    expect(registry.definitions).toMatchObject([{ name: "automod", default_member_permissions: "32" }]);
  });

  it("defers every subcommand with its path and options, sealed for the member who asked", async () => {
    const interaction = {
      id: "1300000000000000002",
      application_id: G.botId,
      type: 2,
      token: "token",
      version: 1,
      guild_id: G.guildId,
      channel: { id: G.generalId },
      member: { user: { id: G.adminId, username: "grace" }, roles: [G.roles.admin], permissions: "8" },
      data: {
        name: "automod",
        type: 1,
        options: [
          {
            type: 2,
            name: "create",
            options: [{ type: 1, name: "spam", options: [{ type: 3, name: "name", value: "Spam" }] }],
          },
        ],
      },
    } as unknown as APIInteraction;

    const reply = await automodIngress.commands.automod?.run({
      interaction: interaction as never,
      elapsedMs: () => 0,
      commands: [],
      plugins: [],
      logger: new RecordingLogger(),
    });

    expect(reply).toMatchObject({
      type: "defer",
      ephemeral: true,
      job: {
        kind: "automod.run",
        payload: { path: ["create", "spam"], options: { name: "Spam" } },
        sealFor: G.adminId,
      },
    });
  });

  it("creates keyword, spam, mention-spam and preset rules and lists them", async () => {
    const created = await command(G.adminId, ["create", "keyword"], {
      name: "Scams",
      words: "free nitro, gift card",
      allow: "nitro talk",
      block_message: "Scams are blocked.",
      alert_channel: G.staffId,
      timeout_minutes: 10,
    });
    await command(G.adminId, ["create", "spam"], { name: "Spam" });
    await command(G.adminId, ["create", "mention-spam"], { name: "Mentions", limit: 5 });
    await command(G.adminId, ["create", "preset"], { name: "Lists", lists: "all" });
    const listed = await command(G.adminId, ["list"]);

    expect(created.content).toContain("✅ Created **Scams**");
    expect(listed.content).toContain(
      "keyword: free nitro, gift card → block, alert in <#1100000000000000022>, timeout 10 min",
    );
    expect(await ruleNames()).toEqual(["Scams", "Spam", "Mentions", "Lists"]);
  });

  it("refuses a seventh keyword rule with Discord's limit in plain words", async () => {
    for (let index = 1; index <= 6; index += 1)
      await command(G.adminId, ["create", "keyword"], { name: `k${index}`, words: "x" });

    const seventh = await command(G.adminId, ["create", "keyword"], { name: "k7", words: "x" });

    expect(seventh.content).toContain("Discord allows at most 6 keyword rules per server");
    expect(await ruleNames()).toHaveLength(6);
  });

  it("refuses a member without Manage Server", async () => {
    const reply = await command(G.moderatorId, ["create", "spam"], { name: "Spam" });

    expect(reply.content).toContain("You need ManageGuild");
    expect(await ruleNames()).toEqual([]);
  });

  it("removes a rule only after its invoker confirms, checking permissions again", async () => {
    await command(G.adminId, ["create", "spam"], { name: "Spam" });
    const listed = await rules();
    const ruleId = listed.ok ? (listed.result.data as { id: string }[])[0]?.id : "";

    const asked = await command(G.adminId, ["remove"], { rule_id: ruleId });
    const confirm = asked.components?.[0] as { components: { custom_id: string }[] } | undefined;
    const customId = confirm?.components[0]?.custom_id ?? "";
    const stranger = await press(customId, G.memberId);
    expect(await ruleNames()).toEqual(["Spam"]);
    const pressed = await press(customId, G.adminId);
    const removed = await job(
      "automod.remove",
      G.adminId,
      (pressed as { job: { payload: Record<string, unknown> } }).job.payload,
    );

    expect(asked.content).toContain("Remove this AutoMod rule?");
    expect(stranger).toMatchObject({ type: "message", ephemeral: true });
    expect(removed.content).toContain(`Deleted AutoMod rule ${ruleId}`);
    expect(await ruleNames()).toEqual([]);
  });

  it("says which rule ids exist when asked to remove an unknown one", async () => {
    const reply = await command(G.adminId, ["remove"], { rule_id: "1100000000000009999" });

    expect(reply.content).toContain("no AutoMod rule 1100000000000009999");
  });
});
