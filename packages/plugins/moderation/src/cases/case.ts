/** What a case records. `delete-message` and `dismiss` are decisions on a member's report. */
export type CaseAction =
  | "warn"
  | "timeout"
  | "untimeout"
  | "kick"
  | "ban"
  | "unban"
  | "softban"
  | "purge"
  | "delete-message"
  | "dismiss";

/** Who caused the case: a command, a report's button, the temporary ban's scheduled unban, or a person in Discord's UI. */
export type CaseSource = "command" | "report" | "schedule" | "audit-log";

/** A case as moderators see it, sealed fields opened (or `undefined` once erased or deleted). */
export interface CaseRecord {
  number: number;
  action: CaseAction;
  /** The user acted on; absent for a purge of a whole channel. */
  targetId?: string;
  /** The channel of a purge or a reported message. */
  channelId?: string;
  moderatorId: string;
  source: CaseSource;
  reason?: string;
  /** The member's data was erased: the case stays, its reason and evidence can no longer be read. */
  erased?: boolean;
  /** Links and context (a reported message's excerpt, who reported it). */
  evidence?: unknown;
  durationMinutes?: number;
  /** When a timeout or temporary ban ends (epoch ms). */
  endsAt?: number;
  /** Jump links to messages the case is about. */
  links: string[];
  /** Whether the member got a direct message about it. */
  dm?: "sent" | "failed" | "none";
  /** The Discord audit-log entry a case imported by the sync came from. */
  auditEntryId?: string;
  /** The case this one follows up (the ban a scheduled unban lifts). */
  refersTo?: number;
  /** The case's entry in the mod log, to edit or follow up. */
  modLog?: { channelId: string; messageId: string };
  deleted?: { by: string; at: number };
  createdAt: number;
  updatedAt: number;
}

/** The fields a new case is opened with; number and times come from the store. */
export type NewCase = Omit<
  CaseRecord,
  "number" | "createdAt" | "updatedAt" | "links" | "modLog" | "deleted"
> & {
  links?: string[];
};

export const CASE_CLASS = "moderation-case";
const PAD = 10;

/** The case's sort key part: numbers padded so the warm tier keeps them in order. */
export const caseId = (number: number) => String(number).padStart(PAD, "0");
export const CASE_SK = /^CASE#(\d{10})$/;

const VERB: Record<CaseAction, string> = {
  warn: "Warn",
  timeout: "Timeout",
  untimeout: "Timeout removed",
  kick: "Kick",
  ban: "Ban",
  unban: "Unban",
  softban: "Softban",
  purge: "Purge",
  "delete-message": "Message deleted",
  dismiss: "Report dismissed",
};

export const actionName = (action: CaseAction) => VERB[action];
