import {
  type APIAutoModerationRule,
  AuditLogEvent,
  AutoModerationActionType,
  AutoModerationRuleEventType,
  AutoModerationRuleTriggerType,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import type { SinkReply } from "../../discord-sink-routes.ts";
import { DiscordCode, fail, missingPermissions, noContent, ok } from "./replies.ts";
import type { GuildState } from "./state.ts";
import type { GuildRequest } from "./types.ts";

const Trigger = AutoModerationRuleTriggerType;
const Action = AutoModerationActionType;

/** Rules of each trigger type a server may have, as Discord counts them. */
export const AUTOMOD_LIMITS: Readonly<Record<number, number>> = {
  [Trigger.Keyword]: 6,
  [Trigger.Spam]: 1,
  [Trigger.KeywordPreset]: 1,
  [Trigger.MentionSpam]: 1,
};
const MAX_TIMEOUT_SECONDS = 2_419_200;
const PRESETS = new Set([1, 2, 3]);
const UNKNOWN_RULE = 10066;

type RuleBody = Partial<Omit<APIAutoModerationRule, "trigger_metadata" | "actions">> & {
  trigger_metadata?: Record<string, unknown>;
  actions?: { type?: number; metadata?: Record<string, unknown> }[];
};

const rulesOf = new WeakMap<GuildState, Map<string, APIAutoModerationRule>>();

/** The AutoMod rules of a modelled server, by id. */
export function autoModRules(state: GuildState): Map<string, APIAutoModerationRule> {
  let rules = rulesOf.get(state);
  if (!rules) {
    rules = new Map();
    rulesOf.set(state, rules);
  }
  return rules;
}

type FieldErrors = Record<string, unknown>;

function addError(errors: FieldErrors, path: (string | number)[], code: string, message: string) {
  let node = errors;
  for (const key of path) {
    node[key] ??= {};
    node = node[key] as FieldErrors;
  }
  node._errors = [...((node._errors as unknown[] | undefined) ?? []), { code, message }];
}

function strings(
  errors: FieldErrors,
  field: string,
  value: unknown,
  limits: { count: number; length: number },
): void {
  if (value === undefined) return;
  const path = ["trigger_metadata", field];
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== "string")) {
    addError(errors, path, "BASE_TYPE_INVALID", "Must be a list of strings.");
    return;
  }
  if (value.length > limits.count)
    addError(errors, path, "BASE_TYPE_MAX_LENGTH", `Must be ${limits.count} or fewer in length.`);
  value.forEach((entry: string, index) => {
    if (entry.length < 1 || entry.length > limits.length)
      addError(
        errors,
        [...path, index],
        "BASE_TYPE_BAD_LENGTH",
        `Must be between 1 and ${limits.length} in length.`,
      );
  });
}

function metadataErrors(errors: FieldErrors, trigger: number, meta: Record<string, unknown>) {
  if (trigger === Trigger.Keyword) {
    strings(errors, "keyword_filter", meta.keyword_filter, { count: 1000, length: 60 });
    strings(errors, "regex_patterns", meta.regex_patterns, { count: 10, length: 260 });
    strings(errors, "allow_list", meta.allow_list, { count: 100, length: 60 });
    const patterns = (Array.isArray(meta.regex_patterns) ? meta.regex_patterns : []) as string[];
    patterns.forEach((pattern, index) => {
      try {
        new RegExp(pattern, "u");
      } catch {
        addError(
          errors,
          ["trigger_metadata", "regex_patterns", index],
          "AUTO_MODERATION_INVALID_REGEX",
          "Invalid regex",
        );
      }
    });
    const keywords = (meta.keyword_filter as unknown[] | undefined)?.length ?? 0;
    if (keywords === 0 && patterns.length === 0)
      addError(
        errors,
        ["trigger_metadata"],
        "AUTO_MODERATION_TRIGGER_METADATA_REQUIRED",
        "A keyword rule needs keyword_filter or regex_patterns.",
      );
  }
  if (trigger === Trigger.KeywordPreset) {
    const presets = meta.presets;
    if (!Array.isArray(presets) || presets.length === 0 || presets.some((preset) => !PRESETS.has(preset)))
      addError(
        errors,
        ["trigger_metadata", "presets"],
        "BASE_TYPE_CHOICES",
        "Value must be one of {1, 2, 3}.",
      );
    strings(errors, "allow_list", meta.allow_list, { count: 1000, length: 60 });
  }
  if (trigger === Trigger.MentionSpam) {
    const limit = meta.mention_total_limit;
    if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 50)
      addError(
        errors,
        ["trigger_metadata", "mention_total_limit"],
        "NUMBER_TYPE_MAX",
        "int value should be between 1 and 50.",
      );
  }
}

function actionErrors(
  state: GuildState,
  errors: FieldErrors,
  trigger: number,
  actions: NonNullable<RuleBody["actions"]>,
) {
  if (actions.length === 0) addError(errors, ["actions"], "BASE_TYPE_REQUIRED", "This field is required");
  actions.forEach((action, index) => {
    const path = ["actions", index];
    const meta = action.metadata ?? {};
    if (action.type === Action.BlockMessage) {
      const message = meta.custom_message;
      if (message !== undefined && (typeof message !== "string" || message.length > 150))
        addError(
          errors,
          [...path, "metadata", "custom_message"],
          "BASE_TYPE_MAX_LENGTH",
          "Must be 150 or fewer in length.",
        );
    } else if (action.type === Action.SendAlertMessage) {
      const channel = state.channels.get(String(meta.channel_id ?? ""));
      if (!channel)
        addError(errors, [...path, "metadata", "channel_id"], "CHANNEL_INVALID", "Unknown channel.");
    } else if (action.type === Action.Timeout) {
      const seconds = meta.duration_seconds;
      if (trigger !== Trigger.Keyword && trigger !== Trigger.MentionSpam)
        addError(
          errors,
          [...path, "type"],
          "AUTO_MODERATION_ACTION_INVALID_FOR_TRIGGER",
          "Timeout actions work only with keyword and mention spam rules.",
        );
      if (
        typeof seconds !== "number" ||
        !Number.isInteger(seconds) ||
        seconds < 1 ||
        seconds > MAX_TIMEOUT_SECONDS
      )
        addError(
          errors,
          [...path, "metadata", "duration_seconds"],
          "NUMBER_TYPE_MAX",
          `int value should be between 1 and ${MAX_TIMEOUT_SECONDS}.`,
        );
    } else addError(errors, [...path, "type"], "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3}.");
  });
}

function invalid(errors: FieldErrors): SinkReply {
  return { status: 400, body: { message: "Invalid Form Body", code: DiscordCode.InvalidFormBody, errors } };
}

function ruleErrors(body: RuleBody, creating: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (
    (creating || body.name !== undefined) &&
    (typeof body.name !== "string" || !body.name || body.name.length > 100)
  )
    addError(errors, ["name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
  if (creating && body.event_type !== AutoModerationRuleEventType.MessageSend)
    addError(errors, ["event_type"], "BASE_TYPE_CHOICES", "Value must be one of {1}.");
  if (creating && (body.trigger_type === undefined || !(body.trigger_type in AUTOMOD_LIMITS)))
    addError(errors, ["trigger_type"], "BASE_TYPE_CHOICES", "Value must be one of {1, 3, 4, 5}.");
  if ((body.exempt_roles?.length ?? 0) > 20)
    addError(errors, ["exempt_roles"], "BASE_TYPE_MAX_LENGTH", "Must be 20 or fewer in length.");
  if ((body.exempt_channels?.length ?? 0) > 50)
    addError(errors, ["exempt_channels"], "BASE_TYPE_MAX_LENGTH", "Must be 50 or fewer in length.");
  return errors;
}

function timeoutNeedsModerate(state: GuildState, actions: RuleBody["actions"]): boolean {
  const timeout = actions?.some((action) => action.type === Action.Timeout) ?? false;
  return timeout && (state.permissionsOf(state.botUserId) & PermissionFlagsBits.ModerateMembers) === 0n;
}

function create(state: GuildState, body: RuleBody, reason: string | undefined): SinkReply {
  const errors = ruleErrors(body, true);
  const trigger = body.trigger_type ?? 0;
  metadataErrors(errors, trigger, body.trigger_metadata ?? {});
  actionErrors(state, errors, trigger, body.actions ?? []);
  if (Object.keys(errors).length > 0) return invalid(errors);
  const rules = autoModRules(state);
  const limit = AUTOMOD_LIMITS[trigger] ?? 0;
  if ([...rules.values()].filter((rule) => rule.trigger_type === trigger).length >= limit)
    return invalid({
      _errors: [
        {
          code: "AUTO_MODERATION_MAX_RULES_OF_TYPE_EXCEEDED",
          message: `Maximum number of rules with trigger type ${trigger} is ${limit}`,
        },
      ],
    });
  if (timeoutNeedsModerate(state, body.actions)) return missingPermissions();
  const rule = {
    id: state.nextId(),
    guild_id: state.id,
    name: body.name ?? "",
    creator_id: state.botUserId,
    event_type: AutoModerationRuleEventType.MessageSend,
    trigger_type: trigger,
    trigger_metadata: body.trigger_metadata ?? {},
    actions: (body.actions ?? []).map((action) => ({ type: action.type, metadata: action.metadata ?? {} })),
    enabled: body.enabled ?? false,
    exempt_roles: body.exempt_roles ?? [],
    exempt_channels: body.exempt_channels ?? [],
  } as APIAutoModerationRule;
  rules.set(rule.id, rule);
  state.audit(AuditLogEvent.AutoModerationRuleCreate, { targetId: rule.id, reason });
  return ok(rule);
}

function update(state: GuildState, rule: APIAutoModerationRule, body: RuleBody, reason: string | undefined) {
  const errors = ruleErrors(body, false);
  if (body.trigger_metadata) metadataErrors(errors, rule.trigger_type, body.trigger_metadata);
  if (body.actions) actionErrors(state, errors, rule.trigger_type, body.actions);
  if (Object.keys(errors).length > 0) return invalid(errors);
  if (timeoutNeedsModerate(state, body.actions)) return missingPermissions();
  for (const key of [
    "name",
    "trigger_metadata",
    "actions",
    "enabled",
    "exempt_roles",
    "exempt_channels",
  ] as const)
    if (body[key] !== undefined) Object.assign(rule, { [key]: body[key] });
  state.audit(AuditLogEvent.AutoModerationRuleUpdate, { targetId: rule.id, reason });
  return ok(rule);
}

/**
 * `GET|POST /guilds/{id}/auto-moderation/rules` and `GET|PATCH|DELETE …/rules/{rule}`: Discord's
 * field validation (keywords, regexes, presets, mention limit, actions), its per-type limits
 * (6 keyword, 1 spam, 1 preset, 1 mention spam) and Manage Server for the bot.
 */
export function autoModRoute(
  state: GuildState,
  ruleId: string | undefined,
  request: GuildRequest,
): SinkReply {
  if ((state.permissionsOf(state.botUserId) & PermissionFlagsBits.ManageGuild) === 0n)
    return missingPermissions();
  const rules = autoModRules(state);
  const body = (request.body ?? {}) as RuleBody;
  if (ruleId === undefined) {
    if (request.method === "GET") return ok([...rules.values()]);
    if (request.method === "POST") return create(state, body, request.reason);
    return fail(405, 0, "405: Method Not Allowed");
  }
  const rule = rules.get(ruleId);
  if (!rule) return fail(404, UNKNOWN_RULE, "Unknown auto moderation rule");
  if (request.method === "GET") return ok(rule);
  if (request.method === "PATCH") return update(state, rule, body, request.reason);
  if (request.method !== "DELETE") return fail(405, 0, "405: Method Not Allowed");
  rules.delete(ruleId);
  state.audit(AuditLogEvent.AutoModerationRuleDelete, { targetId: ruleId, reason: request.reason });
  return noContent();
}
