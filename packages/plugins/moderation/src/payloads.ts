import type { ToolActor } from "@megawatts/core";

export type ActionName = "warn" | "timeout" | "untimeout" | "kick" | "ban" | "unban" | "softban" | "purge";

/** A moderation action as the ingress forwards it. */
export interface ActionPayload {
  actor: ToolActor;
  action: ActionName;
  targetId?: string;
  reason?: string;
  /** Timeout length. */
  minutes?: number;
  /** A temporary ban's length. */
  hours?: number;
  /** The ban's message deletion window. */
  deleteHours?: number;
  /** Purge: how many, and where. */
  count?: number;
  channelId?: string;
}

/** A Confirm / Cancel press on a stored action. */
export interface ConfirmPayload {
  pendingId: string;
  actor: ToolActor;
}

/** `/case`, `/cases`, the history menu, `/modlog`, `/modstats`: who asked and the options. */
export interface CommandPayload {
  actor: ToolActor;
  command: string;
  subcommand: string;
  options: Record<string, string | number | boolean>;
  /** Whether the member may manage the server (case deletion, settings, stats). */
  manager: boolean;
}

/** A report from the *Report message* modal. */
export interface ReportPayload {
  actor: ToolActor;
  channelId: string;
  messageId: string;
  authorId: string;
  reason: string;
}

/** A moderator's decision on a report, from its buttons. */
export interface DecisionPayload {
  actor: ToolActor;
  decision: "warn" | "timeout" | "delete" | "dismiss";
  channelId: string;
  messageId: string;
  authorId: string;
  reporterId: string;
  /** The reporter's words, as shown on the report. */
  reportReason: string;
}

/** The scheduled end of a temporary ban. */
export interface UnbanPayload {
  userId: string;
  banCase: number;
  botUserId: string;
}
