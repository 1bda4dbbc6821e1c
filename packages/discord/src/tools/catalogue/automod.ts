import { defineTool } from "@megawatts/core";
import {
  type APIAutoModerationRule,
  AutoModerationActionType,
  AutoModerationRuleEventType,
  AutoModerationRuleKeywordPresetType,
  AutoModerationRuleTriggerType,
  Routes,
} from "discord-api-types/v10";
import { z } from "zod";
import { mention, snowflake } from "./common.ts";

const Trigger = AutoModerationRuleTriggerType;
const Action = AutoModerationActionType;
const PRESETS = {
  profanity: AutoModerationRuleKeywordPresetType.Profanity,
  sexual_content: AutoModerationRuleKeywordPresetType.SexualContent,
  slurs: AutoModerationRuleKeywordPresetType.Slurs,
} as const;
const TRIGGER_NAMES: Record<number, string> = {
  [Trigger.Keyword]: "keyword",
  [Trigger.Spam]: "spam",
  [Trigger.KeywordPreset]: "preset",
  [Trigger.MentionSpam]: "mention spam",
};
/** Discord's longest AutoMod timeout: 4 weeks. */
export const AUTOMOD_MAX_TIMEOUT_SECONDS = 2_419_200;

const words = (max: number, length: number) => z.array(z.string().min(1).max(length)).max(max);

const trigger = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("keyword"),
    keywords: words(1000, 60).default([]).describe("Words or phrases; * is a wildcard"),
    regex: words(10, 260).default([]).describe("Rust-flavoured regular expressions"),
    allow: words(100, 60).default([]).describe("Words that never trigger the rule"),
  }),
  z.object({ type: z.literal("spam") }),
  z.object({
    type: z.literal("mention_spam"),
    limit: z.number().int().min(1).max(50).describe("Unique user and role mentions per message"),
    raidProtection: z.boolean().default(false),
  }),
  z.object({
    type: z.literal("preset"),
    presets: z.array(z.enum(["profanity", "sexual_content", "slurs"])).min(1),
    allow: words(1000, 60).default([]),
  }),
]);

const actions = z
  .object({
    block: z.boolean().default(true).describe("Block the message"),
    blockMessage: z.string().max(150).optional().describe("Shown to the member whose message is blocked"),
    alertChannelId: snowflake.optional().describe("Post an alert in this channel"),
    timeoutSeconds: z.number().int().min(1).max(AUTOMOD_MAX_TIMEOUT_SECONDS).optional(),
  })
  .refine((value) => value.block || value.alertChannelId || value.timeoutSeconds, {
    message: "a rule needs at least one action: block, alert or timeout",
  });

const parameters = z
  .object({
    name: z.string().min(1).max(100),
    trigger,
    actions,
    exemptRoleIds: z.array(snowflake).max(20).default([]),
    exemptChannelIds: z.array(snowflake).max(50).default([]),
  })
  .refine(
    (rule) =>
      rule.actions.timeoutSeconds === undefined || ["keyword", "mention_spam"].includes(rule.trigger.type),
    { message: "Discord times members out only from keyword and mention spam rules", path: ["actions"] },
  )
  .refine(
    (rule) => rule.trigger.type !== "keyword" || rule.trigger.keywords.length + rule.trigger.regex.length > 0,
    {
      message: "a keyword rule needs at least one keyword or regular expression",
      path: ["trigger"],
    },
  );
type RuleParams = z.output<typeof parameters>;

function triggerBody(rule: RuleParams["trigger"]) {
  switch (rule.type) {
    case "keyword":
      return {
        trigger_type: Trigger.Keyword,
        trigger_metadata: {
          keyword_filter: rule.keywords,
          regex_patterns: rule.regex,
          allow_list: rule.allow,
        },
      };
    case "spam":
      return { trigger_type: Trigger.Spam, trigger_metadata: {} };
    case "mention_spam":
      return {
        trigger_type: Trigger.MentionSpam,
        trigger_metadata: {
          mention_total_limit: rule.limit,
          mention_raid_protection_enabled: rule.raidProtection,
        },
      };
    case "preset":
      return {
        trigger_type: Trigger.KeywordPreset,
        trigger_metadata: { presets: rule.presets.map((name) => PRESETS[name]), allow_list: rule.allow },
      };
  }
}

function actionsBody(chosen: RuleParams["actions"]) {
  return [
    ...(chosen.block
      ? [
          {
            type: Action.BlockMessage,
            metadata: chosen.blockMessage ? { custom_message: chosen.blockMessage } : {},
          },
        ]
      : []),
    ...(chosen.alertChannelId
      ? [{ type: Action.SendAlertMessage, metadata: { channel_id: chosen.alertChannelId } }]
      : []),
    ...(chosen.timeoutSeconds
      ? [{ type: Action.Timeout, metadata: { duration_seconds: chosen.timeoutSeconds } }]
      : []),
  ];
}

/** A rule in a line: name, trigger, actions and whether it is on. */
export function describeRule(rule: APIAutoModerationRule): string {
  const does = rule.actions.map((action) => {
    if (action.type === Action.BlockMessage) return "block";
    if (action.type === Action.SendAlertMessage)
      return `alert in ${mention.channel(action.metadata?.channel_id ?? "")}`;
    if (action.type === Action.Timeout)
      return `timeout ${Math.round((action.metadata?.duration_seconds ?? 0) / 60)} min`;
    return "other";
  });
  const meta = rule.trigger_metadata;
  const what =
    rule.trigger_type === Trigger.Keyword
      ? `: ${[...(meta.keyword_filter ?? []), ...(meta.regex_patterns ?? []).map((pattern) => `/${pattern}/`)].slice(0, 5).join(", ")}`
      : rule.trigger_type === Trigger.MentionSpam
        ? `: over ${meta.mention_total_limit} mentions`
        : "";
  return `**${rule.name}** (${rule.id}) — ${TRIGGER_NAMES[rule.trigger_type] ?? "other"}${what} → ${does.join(", ")}${rule.enabled ? "" : " (off)"}`;
}

export const automodRuleList = defineTool({
  name: "automod_rule_list",
  category: "server",
  description: "The server's AutoMod rules: what each catches and what it does.",
  parameters: z.object({}),
  safety: "safe",
  memberPermissions: ["ManageGuild"],
  botPermissions: ["ManageGuild"],
  scope: "guild",
  targets: () => ({}),
  plan: () => "List the server's AutoMod rules.",
  async run(_params, { guildId, rest }) {
    const rules = await rest.call<APIAutoModerationRule[]>({
      method: "GET",
      route: Routes.guildAutoModerationRules(guildId),
    });
    return {
      summary: rules.length === 0 ? "This server has no AutoMod rules." : rules.map(describeRule).join("\n"),
      data: rules.map((rule) => ({ id: rule.id, name: rule.name, line: describeRule(rule) })),
    };
  },
});

export const automodRuleCreate = defineTool({
  name: "automod_rule_create",
  category: "server",
  description:
    "Create a Discord AutoMod rule (keyword with allow-list and regular expressions, spam, mention spam, or keyword presets) that blocks, alerts a channel or times out.",
  parameters,
  safety: "moderate",
  memberPermissions: ["ManageGuild"],
  botPermissions: ["ManageGuild"],
  scope: "guild",
  // A rule that times members out acts with Moderate Members: the member and the bot must hold it.
  targets: (params) => (params.actions.timeoutSeconds ? { grants: ["ModerateMembers"] } : {}),
  plan: (params) => `Create the ${params.trigger.type.replace("_", " ")} AutoMod rule "${params.name}".`,
  async run(params, { guildId, rest }) {
    const rule = await rest.call<APIAutoModerationRule>({
      method: "POST",
      route: Routes.guildAutoModerationRules(guildId),
      body: {
        name: params.name,
        event_type: AutoModerationRuleEventType.MessageSend,
        ...triggerBody(params.trigger),
        actions: actionsBody(params.actions),
        enabled: true,
        exempt_roles: params.exemptRoleIds,
        exempt_channels: params.exemptChannelIds,
      },
    });
    return { summary: `Created ${describeRule(rule)}.`, data: { id: rule.id, name: rule.name } };
  },
});

export const automodRuleDelete = defineTool({
  name: "automod_rule_delete",
  category: "server",
  description: "Delete an AutoMod rule.",
  parameters: z.object({ ruleId: snowflake.describe("The rule's id") }),
  safety: "dangerous",
  memberPermissions: ["ManageGuild"],
  botPermissions: ["ManageGuild"],
  scope: "guild",
  targets: () => ({}),
  plan: (params) => `Delete AutoMod rule ${params.ruleId}.`,
  async run(params, { guildId, rest }) {
    await rest.call({ method: "DELETE", route: Routes.guildAutoModerationRule(guildId, params.ruleId) });
    return { summary: `Deleted AutoMod rule ${params.ruleId}.`, data: { id: params.ruleId } };
  },
});

export const automodTools = [automodRuleList, automodRuleCreate, automodRuleDelete];
