import {
  type Clock,
  type DataServices,
  type Envelope,
  type ToolActor,
  type ToolExecutor,
  VisibleError,
} from "@megawatts/core";
import { missingPermissions } from "@megawatts/discord/permissions";
import type { TicketPayload } from "./payloads.ts";
import { loadSettings, type TicketSettings } from "./settings.ts";

/** What the ticket jobs need: the tools, the data layer (warm records, cold transcripts), the envelope. */
export interface TicketNeeds {
  executor: ToolExecutor;
  data: DataServices;
  envelope: Envelope;
  clock: Clock;
}

export const canManage = (payload: TicketPayload) =>
  missingPermissions(["ManageGuild"], payload.permissions).length === 0;
export const isStaff = (payload: TicketPayload, settings: TicketSettings) =>
  payload.actor.roleIds.includes(settings.staffRoleId) || canManage(payload);

export async function settingsOf(needs: TicketNeeds, guild: string): Promise<TicketSettings> {
  const settings = await loadSettings(needs.data, guild);
  if (!settings)
    throw new VisibleError("Tickets are not set up in this server yet: an admin can run /ticket setup.");
  return settings;
}

/**
 * The bot itself as the actor: tickets are opened and closed on the bot's own authority (the
 * panel is the staff's standing permission), so the checks read the bot's roles from the server
 * and check its permissions, not the member's.
 */
export function botActor(actor: ToolActor): ToolActor {
  return { ...actor, userId: actor.botUserId, roleIds: [] };
}
