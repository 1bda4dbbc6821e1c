import type { AnyTool } from "@megawatts/core";
import { automodTools } from "./automod.ts";
import { channelTools } from "./channels.ts";
import { memberTools } from "./members.ts";
import { messageTools } from "./messages.ts";
import { roleTools } from "./roles.ts";
import { serverTools } from "./server.ts";
import { threadTools } from "./threads.ts";
import { webhookTools } from "./webhooks.ts";

export * from "./automod.ts";
export * from "./channels.ts";
export * from "./members.ts";
export * from "./messages.ts";
export * from "./roles.ts";
export * from "./server.ts";
export * from "./threads.ts";
export * from "./webhooks.ts";

/** Every Discord tool: roles, channels, threads, members, messages, server, AutoMod, webhooks. */
export const discordTools: AnyTool[] = [
  ...roleTools,
  ...channelTools,
  ...memberTools,
  ...messageTools,
  ...serverTools,
  ...webhookTools,
  ...threadTools,
  ...automodTools,
];
