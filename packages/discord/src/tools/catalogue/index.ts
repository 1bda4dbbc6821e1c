import type { AnyTool } from "@megawatts/core";
import { channelTools } from "./channels.ts";
import { memberTools } from "./members.ts";
import { messageTools } from "./messages.ts";
import { roleTools } from "./roles.ts";
import { serverTools } from "./server.ts";
import { webhookTools } from "./webhooks.ts";

export * from "./channels.ts";
export * from "./members.ts";
export * from "./messages.ts";
export * from "./roles.ts";
export * from "./server.ts";
export * from "./webhooks.ts";

/** Every Discord tool: roles, channels, members, messages, server, webhooks. */
export const discordTools: AnyTool[] = [
  ...roleTools,
  ...channelTools,
  ...memberTools,
  ...messageTools,
  ...serverTools,
  ...webhookTools,
];
