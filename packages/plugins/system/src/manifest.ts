import type { PluginManifest } from "@megawatts/core";
import { ApplicationCommandType } from "discord-api-types/v10";

/** Built-in commands every deployment has: help, ping and status. */
export const manifest: PluginManifest = {
  id: "system",
  version: "0.1.0",
  description: "Help, latency and the health of every dependency.",
  commands: [
    {
      type: ApplicationCommandType.ChatInput,
      name: "help",
      description: "List the commands this bot offers",
    },
    {
      type: ApplicationCommandType.ChatInput,
      name: "ping",
      description: "Check that the bot answers, and how fast",
    },
    {
      type: ApplicationCommandType.ChatInput,
      name: "status",
      description: "Check every service the bot depends on",
    },
  ],
  permissions: [],
  dependencies: [],
};
