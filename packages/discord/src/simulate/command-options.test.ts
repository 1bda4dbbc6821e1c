import {
  ApplicationCommandOptionType as OptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { CommandOptionsError, commandOptions } from "./command-options.ts";

const search: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: "search",
  description: "Search",
  options: [
    {
      type: OptionType.String,
      name: "query",
      description: "q",
      required: true,
      autocomplete: true,
      min_length: 2,
      max_length: 10,
    },
    { type: OptionType.Integer, name: "limit", description: "n", min_value: 1, max_value: 25 },
    { type: OptionType.Boolean, name: "mine", description: "b" },
    {
      type: OptionType.String,
      name: "sort",
      description: "s",
      choices: [
        { name: "Newest", value: "new" },
        { name: "Oldest", value: "old" },
      ],
    },
  ],
};

const config: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: "config",
  description: "Settings",
  options: [
    {
      type: OptionType.Subcommand,
      name: "set",
      description: "Set one",
      options: [{ type: OptionType.Number, name: "ratio", description: "r", required: true }],
    },
  ],
};

describe("commandOptions", () => {
  it("types values the way Discord's client sends them", () => {
    const options = commandOptions(search, [], { query: "hello", limit: "5", mine: "true" });

    expect(options).toEqual([
      { type: OptionType.String, name: "query", value: "hello" },
      { type: OptionType.Integer, name: "limit", value: 5 },
      { type: OptionType.Boolean, name: "mine", value: true },
    ]);
  });

  it("nests options under the chosen subcommand", () => {
    const options = commandOptions(config, ["set"], { ratio: "0.5" });

    expect(options).toEqual([
      {
        type: OptionType.Subcommand,
        name: "set",
        options: [{ type: OptionType.Number, name: "ratio", value: 0.5 }],
      },
    ]);
  });

  it("marks the focused option and keeps its partial text as a string", () => {
    const options = commandOptions(search, [], { query: "hel" }, "query");

    expect(options).toEqual([{ type: OptionType.String, name: "query", value: "hel", focused: true }]);
  });

  it.each([
    [{ query: "xy", limit: "five" }, "--limit must be an integer"],
    [{ query: "xy", mine: "yes" }, "--mine must be true or false"],
    [{ query: "xy", sort: "random" }, "--sort must be one of: new, old"],
    [{ query: "xy", colour: "red" }, "unknown option --colour"],
    [{ limit: "1" }, "missing required option --query"],
    [{ query: "x".repeat(11) }, "--query has 11 characters; Discord allows at most 10"],
    [{ query: "x" }, "--query has 1 character; Discord needs at least 2"],
    [{ query: "xy", limit: "26" }, "--limit must be at most 25, got 26"],
    [{ query: "xy", limit: "0" }, "--limit must be at least 1, got 0"],
  ])("refuses %o", (input, message) => {
    expect(() => commandOptions(search, [], input)).toThrow(CommandOptionsError);
    expect(() => commandOptions(search, [], input)).toThrow(message);
  });

  it("asks for a subcommand when the command has some", () => {
    expect(() => commandOptions(config, [], {})).toThrow("/config needs a subcommand: set");
  });
});
