import { VisibleError } from "@megawatts/core";
import type { AutomodPayload } from "./payloads.ts";

type Options = AutomodPayload["options"];

const list = (value: Options[string] | undefined) =>
  value === undefined
    ? []
    : String(value)
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean);
const PRESET_LISTS = ["profanity", "sexual_content", "slurs"];

function trigger(kind: string, options: Options) {
  switch (kind) {
    case "keyword":
      return {
        type: "keyword",
        keywords: list(options.words),
        regex: options.regex === undefined ? [] : [String(options.regex)],
        allow: list(options.allow),
      };
    case "spam":
      return { type: "spam" };
    case "mention-spam":
      return { type: "mention_spam", limit: options.limit, raidProtection: options.raid_protection === true };
    case "preset":
      return {
        type: "preset",
        presets: options.lists === "all" ? PRESET_LISTS : [options.lists],
        allow: list(options.allow),
      };
    default:
      throw new VisibleError(
        `/automod create ${kind} is not a rule type I know: use keyword, spam, mention-spam or preset.`,
      );
  }
}

/**
 * The `automod_rule_create` parameters for `/automod create <kind>`; the tool checks them.
 *
 * @example
 * ruleParams("keyword", { name: "Scams", words: "free nitro, gift card", timeout_minutes: 10 });
 */
export function ruleParams(kind: string, options: Options) {
  const timeout =
    options.timeout_minutes === undefined ? {} : { timeoutSeconds: Number(options.timeout_minutes) * 60 };
  return {
    name: options.name,
    trigger: trigger(kind, options),
    actions: {
      block: options.block !== false,
      ...(options.block_message === undefined ? {} : { blockMessage: String(options.block_message) }),
      ...(options.alert_channel === undefined ? {} : { alertChannelId: String(options.alert_channel) }),
      ...timeout,
    },
  };
}
