import { CommandType, OptionType, type PluginManifest } from "@megawatts/core";
import { dateOption } from "../manifest.ts";

/** Manage Server, as Discord's `default_member_permissions` bit string: admins see the command. */
const MANAGE_GUILD = String(1 << 5);

/**
 * `/index` and the incremental sync: reading channel history into the knowledge indexes. It
 * starts turned off in every server: the bot reads no channel history until an admin turns it
 * on with `/plugins enable plugin:indexing` (consent; Remember still stores single messages).
 */
export const manifest: PluginManifest = {
  id: "indexing",
  version: "1.0.0",
  description:
    "Index channel history so /search and /ask find it, and keep it in sync (off until an admin turns it on).",
  enabledByDefault: false,
  commands: [
    {
      type: CommandType.ChatInput,
      name: "index",
      description: "Index a channel's history so it can be searched (admins; resumable)",
      default_member_permissions: MANAGE_GUILD,
      options: [
        { type: OptionType.Channel, name: "channel", description: "The channel to index", required: true },
        dateOption("since", "Only messages from this day on (YYYY-MM-DD)"),
      ],
    },
  ],
  permissions: ["ViewChannel", "ReadMessageHistory"],
  dependencies: { knowledge: "^1.0.0" },
  schedules: [
    {
      kind: "indexing.sync",
      schedule: "rate(5 minutes)",
      description: "Index messages posted since the last sync in every indexed channel, where indexing is on",
    },
  ],
};
