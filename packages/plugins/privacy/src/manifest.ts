import { CommandType, OptionType, type PluginManifest } from "@megawatts/core";

/** `/privacy`: a member sees, erases, or limits what the bot holds about them in a server. */
export const manifest: PluginManifest = {
  id: "privacy",
  version: "1.0.0",
  description: "See, erase or limit what the bot holds about you.",
  commands: [
    {
      type: CommandType.ChatInput,
      name: "privacy",
      description: "See, erase or limit what the bot holds about you in this server",
      options: [
        {
          type: OptionType.Subcommand,
          name: "export",
          description: "Get everything the bot holds about you here, as a JSON file only you see",
        },
        {
          type: OptionType.Subcommand,
          name: "delete",
          description: "Erase everything the bot holds about you here (asks to confirm)",
        },
        {
          type: OptionType.Subcommand,
          name: "settings",
          description: "Show or change whether the bot may remember your messages",
          options: [
            {
              type: OptionType.Boolean,
              name: "remember",
              description: "Whether the bot may remember your messages (Apps → Remember)",
            },
          ],
        },
      ],
    },
  ],
  permissions: [],
  dependencies: {},
  core: true,
};
