import type { DataClass } from "./data-class.ts";
import { SYSTEM_CLASSES } from "./system-classes.ts";

const USER_GSI1 = "G#<guild>#U#<user> / <sk>";

/** Version 1 kept the opt-out at the top level; version 2 groups preferences. */
function profileV1toV2(data: Record<string, unknown>): Record<string, unknown> {
  const { forgetMe, locale, ...rest } = data;
  const preferences: Record<string, unknown> = { forgetMe: forgetMe === true };
  if (typeof locale === "string") preferences.locale = locale;
  return { ...rest, preferences };
}

/**
 * What the bot stores. The table in `docs/data.md` is generated from the same facts; keep
 * them in step.
 */
export const PRODUCT_CLASSES: readonly DataClass[] = [
  {
    id: "guild-config",
    description: "a guild's settings: indexed channels, roles, feature switches",
    personal: false,
    sensitiveFields: [],
    tiers: ["warm"],
    partition: "tenant",
    skPrefix: "CONFIG",
    keyDesign: { pk: "G#<guild>", sk: "CONFIG" },
    version: 1,
  },
  {
    id: "user-profile",
    description: "a member's profile and preferences, including the \"don't remember me\" opt-out",
    personal: true,
    sensitiveFields: ["profile"],
    tiers: ["warm"],
    partition: "tenant",
    skPrefix: "USER#",
    keyDesign: { pk: "G#<guild>", sk: "USER#<user>", gsi1: USER_GSI1 },
    version: 2,
    upgrades: { 1: profileV1toV2 },
  },
  {
    id: "remembered-message",
    description: "messages the bot remembers to answer from",
    personal: true,
    sensitiveFields: ["content", "attachments"],
    tiers: ["warm", "cold", "archive"],
    moveToCold: { afterDays: 30, by: "access" },
    retentionDays: 365,
    partition: "tenant",
    skPrefix: "MSG#",
    keyDesign: { pk: "G#<guild>", sk: "MSG#<channel>#<message>", gsi1: USER_GSI1 },
    version: 1,
  },
  {
    id: "keyword-index",
    description:
      "the keyword index of remembered messages: keyed hashes of terms, counts and ids, never text",
    personal: false,
    sensitiveFields: ["termKey"],
    tiers: ["warm"],
    partition: "tenant",
    skPrefix: "KW#",
    keyDesign: { pk: "G#<guild>", sk: "KW#<KEY | SNAP | SNAPPART#<id>#<n> | LOG#<seq>#<n> | SEQ#<seq>#>" },
    version: 1,
  },
  {
    id: "conversation-context",
    description: "the last turns of a conversation with the bot",
    personal: true,
    sensitiveFields: ["turns"],
    tiers: ["hot"],
    hotTtlSeconds: 3_600,
    partition: "tenant",
    keyDesign: { pk: "g:<guild>:ctx:<channel>:<user>", sk: "(Redis key)" },
    version: 1,
  },
  {
    id: "moderation-case",
    description: "warnings, timeouts, kicks and bans with their reasons",
    personal: true,
    sensitiveFields: ["reason", "evidence"],
    tiers: ["warm", "cold", "archive"],
    moveToCold: { afterDays: 180, by: "age" },
    retentionDays: 730,
    partition: "tenant",
    skPrefix: "CASE#",
    keyDesign: { pk: "G#<guild>", sk: "CASE#<case id>", gsi1: USER_GSI1 },
    version: 1,
    keptOnErasure: true,
  },
  {
    id: "ticket",
    description:
      "support tickets: who opened one and when, who closed it and why, and where its sealed transcript (HTML and JSON, cold tier) is",
    personal: true,
    sensitiveFields: ["reason"],
    // The record stays warm; its transcript is two sealed objects under `tickets/` in the cold
    // tier, expired with the record by the `ticket-transcripts` lifecycle rule.
    tiers: ["warm", "cold"],
    retentionDays: 730,
    partition: "tenant",
    skPrefix: "TICKET#",
    keyDesign: { pk: "G#<guild>", sk: "TICKET#<ticket id> | TICKET#OPEN#<user>", gsi1: USER_GSI1 },
    version: 1,
  },
  {
    id: "self-edit",
    description: "self-edit requests, their validation results and pull requests",
    personal: true,
    sensitiveFields: ["request"],
    tiers: ["warm", "cold", "archive"],
    moveToCold: { afterDays: 90, by: "age" },
    retentionDays: 365,
    partition: "tenant",
    skPrefix: "SE#",
    keyDesign: { pk: "G#<guild>", sk: "SE#<request id>", gsi1: USER_GSI1 },
    version: 1,
  },
  {
    id: "audit",
    description: "who read or changed which data: ids, actions and counts, never content",
    personal: false,
    sensitiveFields: [],
    tiers: ["warm"],
    retentionDays: 365,
    partition: "audit",
    skPrefix: "",
    keyDesign: { pk: "AUDIT#<guild>", sk: "<ISO time>#<ulid>" },
    version: 1,
  },
  {
    id: "analytics",
    description: "daily counters per guild, no personal data",
    personal: false,
    sensitiveFields: [],
    tiers: ["warm", "cold", "archive"],
    moveToCold: { afterDays: 90, by: "age" },
    retentionDays: 730,
    partition: "tenant",
    skPrefix: "STAT#",
    keyDesign: { pk: "G#<guild>", sk: "STAT#<yyyy-mm-dd>#<metric>" },
    version: 1,
  },
  {
    id: "cache",
    description: "computed answers and Discord lookups",
    personal: false,
    sensitiveFields: ["value"],
    tiers: ["hot"],
    hotTtlSeconds: 900,
    partition: "tenant",
    keyDesign: { pk: "g:<guild>:cache:<name>:<hash>", sk: "(Redis key)" },
    version: 1,
  },
  {
    id: "idempotency",
    description: "claims on job ids, so a redelivered job runs once (hash and status only)",
    personal: false,
    sensitiveFields: [],
    tiers: ["warm"],
    retentionDays: 1,
    partition: "jobs",
    skPrefix: "",
    keyDesign: { pk: "idempotency#jobs", sk: "<hash of job id>" },
    version: 1,
  },
];

/** Every class, product and bookkeeping. */
export const DATA_CLASSES: readonly DataClass[] = [...PRODUCT_CLASSES, ...SYSTEM_CLASSES];
