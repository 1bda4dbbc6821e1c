import type { OptionValue, ToolActor } from "@megawatts/core";

/** An `/automod` command as the ingress forwards it. */
export interface AutomodPayload {
  actor: ToolActor;
  /** `["list"]`, `["create", "keyword"]`, `["remove"]`. */
  path: string[];
  options: Record<string, OptionValue>;
}

/** A Confirm press on a rule removal. */
export interface RemovePayload {
  actor: ToolActor;
  ruleId: string;
}
