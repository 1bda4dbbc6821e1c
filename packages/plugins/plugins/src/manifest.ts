import { CommandType, OptionType, type PluginManifest } from "@megawatts/core";

const plugin = (description: string) => ({
  type: OptionType.String,
  name: "plugin",
  description,
  required: true,
  autocomplete: true,
  max_length: 32,
});

/** `/plugins`: what is installed, and which plugins are on in this server. */
export const manifest: PluginManifest = {
  id: "plugins",
  version: "1.0.0",
  description: "See the installed plugins and turn them on or off in this server.",
  core: true,
  commands: [
    {
      type: CommandType.ChatInput,
      name: "plugins",
      description: "See the installed plugins and turn them on or off here",
      options: [
        {
          type: OptionType.Subcommand,
          name: "list",
          description: "List the plugins and whether each is on here",
        },
        {
          type: OptionType.Subcommand,
          name: "info",
          description: "Show a plugin's commands, permissions, dependencies and schedules",
          options: [plugin("The plugin to describe")],
        },
        {
          type: OptionType.Subcommand,
          name: "enable",
          description: "Turn a plugin on in this server (Manage Server)",
          options: [plugin("The plugin to turn on")],
        },
        {
          type: OptionType.Subcommand,
          name: "disable",
          description: "Turn a plugin off in this server (Manage Server)",
          options: [plugin("The plugin to turn off")],
        },
        {
          type: OptionType.Subcommand,
          name: "history",
          description: "Show who turned which plugin on or off here (Manage Server)",
        },
        {
          type: OptionType.Subcommand,
          name: "rollback",
          description: "Undo plugin changes from a change number on (default: the last one; Manage Server)",
          options: [
            {
              type: OptionType.Integer,
              name: "change",
              description: "The first change to undo, from /plugins history",
              min_value: 1,
            },
          ],
        },
      ],
    },
  ],
  permissions: [],
  dependencies: {},
};
