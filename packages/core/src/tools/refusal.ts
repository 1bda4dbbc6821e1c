import { VisibleError } from "../errors.ts";

/** Which rule stopped a tool. */
export type RefusalRule =
  | "unknown-tool"
  | "parameters"
  | "member-permission"
  | "bot-permission"
  | "hierarchy"
  | "owner"
  | "self"
  | "rate-limit"
  | "not-found"
  | "discord";

export interface Refusal {
  rule: RefusalRule;
  /** What was refused and why, in a sentence. */
  message: string;
  /** What would make it possible. */
  fix: string;
}

/** A tool refused before (or by Discord during) the call; the message says the rule and the fix. */
export class ToolRefusedError extends VisibleError {
  override name = "ToolRefusedError";
  constructor(
    readonly refusal: Refusal,
    options?: { cause?: unknown },
  ) {
    super(`${refusal.message} ${refusal.fix}`, options);
  }
}

export const refuse = (rule: RefusalRule, message: string, fix: string): Refusal => ({ rule, message, fix });
