import { CommandType, OptionType, type PluginManifest } from "@megawatts/core";

/** A day option, `YYYY-MM-DD` or a full ISO 8601 time. */
export const dateOption = (name: string, description: string) => ({
  type: OptionType.String,
  name,
  description,
  min_length: 10,
  max_length: 25,
});

/** `/search`, `/ask` and `/knowledge`: what the server has said, searched and cited. */
export const manifest: PluginManifest = {
  id: "knowledge",
  version: "1.0.0",
  description: "Search and ask what this server has said.",
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
        dateOption("after", "Only messages from this day on (YYYY-MM-DD)"),
        dateOption("before", "Only messages before this day (YYYY-MM-DD)"),
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
      name: "knowledge",
      description: "Show whether channel indexing is on here and what is configured",
    },
  ],
  permissions: ["ViewChannel"],
  dependencies: {},
};
