import type { z } from "zod";
import type { Clock } from "../ports/observability.ts";
import type { DiscordRestPort, PermissionName } from "./ports.ts";

/** `safe` reads; `moderate` makes a reversible change; `dangerous` destroys or is hard to undo. */
export type SafetyLevel = "safe" | "moderate" | "dangerous";
export type ToolCategory = "roles" | "channels" | "members" | "messages" | "server" | "webhooks";

/** What a tool acts on, so the executor can check permissions in the channel and the hierarchy. */
export interface ToolTargets {
  /** The channel whose overwrites decide the permissions (the invoking channel when absent). */
  channelId?: string;
  /** Roles the action changes or hands out: each must sit below the member's and the bot's highest role. */
  roleIds?: string[];
  /** A member the action is done to: never the owner or the bot, and below both in the hierarchy. */
  memberId?: string;
  /** Permissions the action hands out (a role's): the member and the bot must hold each. */
  grants?: PermissionName[];
  /** Only for a user who may not be a member (unban, ban by id): skips the hierarchy when absent. */
  userMayBeAbsent?: boolean;
}

/** What a tool's `run` may use: the REST port (reason header added), the guild, the clock, and progress. */
export interface ToolRunContext {
  guildId: string;
  /** The channel the request came from. */
  channelId: string;
  /** The bot's own user id. */
  botUserId: string;
  rest: DiscordRestPort;
  /** The time a tool computes with (a timeout's end, the bulk-delete age limit). */
  clock: Clock;
  /** Reports progress on long work (a purge of hundreds of messages). */
  progress(text: string): Promise<void>;
  signal?: AbortSignal;
}

/** What a tool did: a line for people, and data (ids, names, counts) for a model. */
export interface ToolResult {
  summary: string;
  data?: unknown;
}

/**
 * One Discord operation: typed parameters, a safety level, the permissions it needs from the
 * member and from the bot, a dry-run description and the action itself.
 */
export interface Tool<Schema extends z.ZodType = z.ZodType> {
  /** snake_case, usable as a model's function name: `role_create`. */
  name: string;
  category: ToolCategory;
  description: string;
  parameters: Schema;
  safety: SafetyLevel;
  /** Guild-level unless the tool names a channel (then in that channel, overwrites applied). */
  memberPermissions: PermissionName[];
  botPermissions: PermissionName[];
  /** Whether the permissions are checked in a channel (the tool's `channelId` or the invoking one). */
  scope: "guild" | "channel";
  targets(params: z.output<Schema>, context: { channelId: string }): ToolTargets;
  /** What it would do, in words, without doing it. */
  plan(params: z.output<Schema>): string;
  run(params: z.output<Schema>, context: ToolRunContext): Promise<ToolResult>;
}

/**
 * Declares a tool with its parameter types inferred from the schema.
 *
 * @example
 * export const roleDelete = defineTool({ name: "role_delete", parameters: z.object({ roleId }), ... });
 */
export function defineTool<Schema extends z.ZodType>(tool: Tool<Schema>): Tool<Schema> {
  return tool;
}

/** A tool of any schema, as the executor and the catalogue hold them. */
// biome-ignore lint/suspicious/noExplicitAny: the catalogue mixes schemas; each tool is typed where defined.
export type AnyTool = Tool<any>;
