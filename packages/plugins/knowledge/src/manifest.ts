import { CommandType, OptionType, type PluginManifest } from "@megawatts/core";

/** Manage Server, as Discord's `default_member_permissions` bit string: admins see the command. */
const MANAGE_GUILD = String(1 << 5);

const date = (name: string, description: string) => ({
  type: OptionType.String,
  name,
  description,
  min_length: 10,
  max_length: 25,
});

/** `/search`, `/ask`, `/index` and `/knowledge`: the server's knowledge, searched and cited. */
export const manifest: PluginManifest = {
  id: "knowledge",
  version: "0.1.0",
  description: "Search and ask what this server has said; admins index channels.",
  commands: [
    {
      type: CommandType.ChatInput,
      name: "search",
      description: "Search this server's remembered and indexed messages",
      options: [
        {
          type: OptionType.String,
          name: "query",
          description: "What to look for",
          required: true,
          max_length: 300,
          autocomplete: true,
        },
        { type: OptionType.Channel, name: "channel", description: "Only messages in this channel" },
        { type: OptionType.User, name: "author", description: "Only messages by this member" },
        date("after", "Only messages from this day on (YYYY-MM-DD)"),
        date("before", "Only messages before this day (YYYY-MM-DD)"),
        {
          type: OptionType.String,
          name: "mode",
          description: "How to match (default: keyword)",
          choices: [
            { name: "keyword", value: "keyword" },
            { name: "semantic", value: "semantic" },
            { name: "hybrid", value: "hybrid" },
          ],
        },
      ],
    },
    {
      type: CommandType.ChatInput,
      name: "ask",
      description: "Ask a question; the answer cites the messages it comes from",
      options: [
        {
          type: OptionType.String,
          name: "question",
          description: "Your question",
          required: true,
          max_length: 500,
        },
      ],
    },
    {
      type: CommandType.ChatInput,
      name: "index",
      description: "Index a channel's history so it can be searched (admins; resumable)",
      default_member_permissions: MANAGE_GUILD,
      options: [
        { type: OptionType.Channel, name: "channel", description: "The channel to index", required: true },
        date("since", "Only messages from this day on (YYYY-MM-DD)"),
      ],
    },
    {
      type: CommandType.ChatInput,
      name: "knowledge",
      description: "Turn channel indexing on or off for this server (admins)",
      default_member_permissions: MANAGE_GUILD,
      options: [
        {
          type: OptionType.Subcommand,
          name: "enable",
          description: "Allow /index to read channel history here",
        },
        {
          type: OptionType.Subcommand,
          name: "disable",
          description: "Stop /index from reading channel history here",
        },
        {
          type: OptionType.Subcommand,
          name: "status",
          description: "Show whether indexing is on and what is configured",
        },
      ],
    },
  ],
  permissions: ["ViewChannel", "ReadMessageHistory"],
  dependencies: [],
};
