import type { OptionValue, ToolActor } from "@megawatts/core";

/** A `/ticket` command or an Open ticket press, as the ingress forwards it. */
export interface TicketPayload {
  actor: ToolActor;
  /** The member's permissions in the channel (Discord's bit field), for the staff checks. */
  permissions: string;
  username: string;
  options: Record<string, OptionValue>;
}
