import { CommandType, type PluginManifest } from "@megawatts/core";

/** "Remember" on a message's Apps menu: the bot stores it, encrypted, to answer from later. */
export const manifest: PluginManifest = {
  id: "memory",
  version: "1.0.0",
  description: "Remember a message so the bot can answer from it later.",
  commands: [{ type: CommandType.Message, name: "Remember" }],
  permissions: [],
  dependencies: {},
};
