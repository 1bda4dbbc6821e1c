import { newItem, revise, tenantPk, type WarmData } from "@megawatts/core";
import { z } from "zod";

/** A server's ticket settings, beside its other settings (a `guild-config` item). */
export const TicketSettingsSchema = z.object({
  staffRoleId: z.string(),
  logChannelId: z.string().optional(),
});
export type TicketSettings = z.infer<typeof TicketSettingsSchema>;

const key = (guild: string) => ({ pk: tenantPk(guild), sk: "CONFIG#TICKETS" });

/** The server's ticket settings, or `undefined` before `/ticket setup`. */
export async function loadSettings(data: WarmData, guild: string): Promise<TicketSettings | undefined> {
  const item = await data.documents.get(key(guild), { consistent: true });
  return item ? TicketSettingsSchema.parse(item.data) : undefined;
}

export async function saveSettings(data: WarmData, guild: string, settings: TicketSettings, now: number) {
  const current = await data.documents.get(key(guild), { consistent: true });
  if (current) return data.documents.put(revise(current, settings, now), { ifUnchanged: current });
  await data.tenants.ensure(guild);
  const cls = data.classes.get("guild-config");
  await data.documents.put(newItem({ cls, tenant: guild, key: key(guild), data: settings, now }), {
    ifAbsent: true,
  });
}
