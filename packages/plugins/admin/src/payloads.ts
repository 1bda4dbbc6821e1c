import type { ToolActor } from "@megawatts/core";

/** A slash command as the ingress forwards it: who asked, and the options by name. */
export interface CommandPayload {
  actor: ToolActor;
  command: string;
  subcommand: string;
  options: Record<string, string | number | boolean>;
}

/** A Confirm / Run all / Cancel press on a stored plan. */
export interface ConfirmPayload {
  pendingId: string;
  actor: ToolActor;
}
