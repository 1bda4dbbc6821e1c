import { createDiscordRest } from "@megawatts/discord/rest";
import { type APIAutoModerationRule, Routes } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { startDiscordSink } from "../../discord-sink.ts";
import { DEFAULT_GUILD_FIXTURE, LOCAL_GUILD as G } from "./index.ts";
import { refusalOf, useGuildSink } from "./test-kit.ts";

const local = useGuildSink();

const rules = Routes.guildAutoModerationRules(G.guildId);
const keywordRule = (name: string) => ({
  name,
  event_type: 1,
  trigger_type: 1,
  trigger_metadata: { keyword_filter: ["spoiler*"], allow_list: ["spoilers ok"] },
  actions: [{ type: 1, metadata: { custom_message: "No spoilers here." } }],
  enabled: true,
});

describe("the sink's AutoMod rules", () => {
  it("creates, lists, updates and deletes a rule, recording each in the audit log", async () => {
    const rule = (await local.rest.post(rules, {
      body: keywordRule("Spoilers"),
      reason: "11: setup",
    })) as APIAutoModerationRule;
    await local.rest.patch(Routes.guildAutoModerationRule(G.guildId, rule.id), { body: { enabled: false } });

    const listed = (await local.rest.get(rules)) as APIAutoModerationRule[];
    expect(listed).toMatchObject([{ id: rule.id, name: "Spoilers", enabled: false, trigger_type: 1 }]);
    expect(local.sink.guild(G.guildId)?.auto_moderation_rules.map((entry) => entry.id)).toEqual([rule.id]);

    await local.rest.delete(Routes.guildAutoModerationRule(G.guildId, rule.id));
    expect(await local.rest.get(rules)).toEqual([]);
    expect(local.sink.guild(G.guildId)?.audit_log.map((entry) => entry.action_type)).toEqual([140, 141, 142]);
  });

  it("allows six keyword rules and one spam rule, and refuses more with Discord's error", async () => {
    for (let index = 0; index < 6; index += 1)
      await local.rest.post(rules, { body: keywordRule(`k${index}`) });
    const spam = { name: "Spam", event_type: 1, trigger_type: 3, actions: [{ type: 1 }] };
    await local.rest.post(rules, { body: spam });

    const seventh = await refusalOf(local.rest.post(rules, { body: keywordRule("k6") }));
    const second = await refusalOf(local.rest.post(rules, { body: spam }));

    expect(seventh).toMatchObject({ status: 400, code: 50035 });
    expect(seventh.errors).toContain("AUTO_MODERATION_MAX_RULES_OF_TYPE_EXCEEDED");
    expect(second.errors).toContain("Maximum number of rules with trigger type 3 is 1");
  });

  it("validates fields: a bad regex, a timeout on a spam rule, a mention limit over 50", async () => {
    const regex = await refusalOf(
      local.rest.post(rules, {
        body: { ...keywordRule("Regex"), trigger_metadata: { regex_patterns: ["(unclosed"] } },
      }),
    );
    const timeout = await refusalOf(
      local.rest.post(rules, {
        body: {
          name: "Spam",
          event_type: 1,
          trigger_type: 3,
          actions: [{ type: 3, metadata: { duration_seconds: 60 } }],
        },
      }),
    );
    const mentions = await refusalOf(
      local.rest.post(rules, {
        body: {
          name: "Mentions",
          event_type: 1,
          trigger_type: 5,
          trigger_metadata: { mention_total_limit: 51 },
          actions: [{ type: 2, metadata: { channel_id: G.staffId } }],
        },
      }),
    );

    expect(regex.errors).toContain("AUTO_MODERATION_INVALID_REGEX");
    expect(timeout.errors).toContain("AUTO_MODERATION_ACTION_INVALID_FOR_TRIGGER");
    expect(mentions.errors).toContain("mention_total_limit");
  });

  it("needs Manage Server for the bot and answers 404 with code 10066 for an unknown rule", async () => {
    expect(
      await refusalOf(local.rest.get(Routes.guildAutoModerationRule(G.guildId, "1100000000000009999"))),
    ).toMatchObject({
      status: 404,
      code: 10066,
    });
    const roles = DEFAULT_GUILD_FIXTURE.roles.map((role) =>
      role.id === G.roles.bot
        ? { ...role, permissions: role.permissions?.filter((name) => name !== "ManageGuild") }
        : role,
    );
    const withoutManageServer = await startDiscordSink({
      port: 0,
      guilds: [{ ...DEFAULT_GUILD_FIXTURE, roles }],
    });
    try {
      const rest = createDiscordRest({ apiUrl: withoutManageServer.url, token: "local" });
      expect(await refusalOf(rest.get(rules))).toMatchObject({ status: 403, code: 50013 });
    } finally {
      await withoutManageServer.close();
    }
  });
});
