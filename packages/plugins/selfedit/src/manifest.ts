import { CommandType, OptionType, type PluginManifest } from "@megawatts/core";

/** `/improve`: maintainers ask the bot to change its own code through a reviewed pull request. */
export const manifest: PluginManifest = {
  id: "selfedit",
  version: "1.0.0",
  description: "Ask the bot to change its own code; it opens a pull request for review.",
  commands: [
    {
      type: CommandType.ChatInput,
      name: "improve",
      description: "Maintainers: ask the bot to change its own code (a reviewed pull request)",
      options: [
        {
          type: OptionType.Subcommand,
          name: "request",
          description: "Describe a change; the bot proposes validated edits for approval",
          options: [
            {
              type: OptionType.String,
              name: "request",
              description: "What should change, in plain words",
              required: true,
              min_length: 10,
              max_length: 1500,
            },
            {
              type: OptionType.String,
              name: "target",
              description: "A plugin id (e.g. system) or a repository path to focus on",
              max_length: 200,
            },
          ],
        },
        {
          type: OptionType.Subcommand,
          name: "status",
          description: "Show a request's state, rounds, tokens and pull request",
          options: [
            { type: OptionType.String, name: "id", description: "Request id (se_…); default the latest" },
          ],
        },
        {
          type: OptionType.Subcommand,
          name: "history",
          description: "Recent requests with outcome, rounds and tokens, and the success rate",
        },
        {
          type: OptionType.Subcommand,
          name: "revert",
          description: "Open a pull request that reverts a request's change",
          options: [
            { type: OptionType.String, name: "id", description: "Request id (se_…)", required: true },
          ],
        },
      ],
    },
  ],
  // The pull request's progress is posted to the channel the request came from.
  permissions: ["ViewChannel", "SendMessages"],
  dependencies: {},
};
