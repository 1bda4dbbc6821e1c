import { z } from "zod";

/** `/plugins <action>` as the worker receives it. */
export const PluginsPayloadSchema = z.object({
  action: z.enum(["list", "info", "enable", "disable", "history", "rollback"]),
  plugin: z.string().max(32).optional(),
  change: z.number().int().min(1).optional(),
});
export type PluginsPayload = z.infer<typeof PluginsPayloadSchema>;
