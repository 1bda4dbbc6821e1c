import type {
  APIApplicationCommandStringOption,
  RESTPostAPIApplicationCommandsJSONBody,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { ApplicationCommandType, ApplicationCommandOptionType as Option } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { commandLimitViolations } from "./command-limits.ts";

function chat(
  name: string,
  overrides: Partial<RESTPostAPIChatInputApplicationCommandsJSONBody> = {},
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return { type: ApplicationCommandType.ChatInput, name, description: "Does a thing", ...overrides };
}

function text(name: string, extra: Partial<APIApplicationCommandStringOption> = {}) {
  return {
    type: Option.String,
    name,
    description: "Some text",
    ...extra,
  } as APIApplicationCommandStringOption;
}

function menu(type: ApplicationCommandType.User | ApplicationCommandType.Message, name: string) {
  return { type, name } as RESTPostAPIApplicationCommandsJSONBody;
}

function only(definitions: RESTPostAPIApplicationCommandsJSONBody[]): string {
  const problems = commandLimitViolations(definitions);
  expect(problems).toHaveLength(1);
  return problems[0] ?? "";
}

describe("commandLimitViolations", () => {
  it("accepts a valid set with subcommands, choices and localizations", () => {
    const definitions: RESTPostAPIApplicationCommandsJSONBody[] = [
      chat("ping"),
      chat("सूची", { description_localizations: { hi: "सूची दिखाएँ" } }),
      chat("mod", {
        options: [
          {
            type: Option.SubcommandGroup,
            name: "role",
            description: "Roles",
            options: [{ type: Option.Subcommand, name: "add", description: "Add", options: [text("why")] }],
          },
          {
            type: Option.Subcommand,
            name: "ban",
            description: "Ban",
            options: [text("user", { required: true })],
          },
        ],
      }),
      chat("pick", { options: [text("colour", { choices: [{ name: "Red", value: "red" }] })] }),
      menu(ApplicationCommandType.User, "Show Profile"),
      menu(ApplicationCommandType.Message, "Report message"),
    ];
    expect(commandLimitViolations(definitions)).toEqual([]);
  });

  it("rejects chat-input names with spaces or capitals", () => {
    expect(only([chat("two words")])).toMatch(/command "\/two words" has the name "two words"/);
    expect(only([chat("Ping")])).toBe('command "/Ping" has the name "Ping"; it must be lower case.');
  });

  it("rejects chat-input names longer than 32 characters", () => {
    expect(only([chat("a".repeat(33))])).toMatch(/use 1 to 32 letters/);
  });

  it("rejects missing or long descriptions on chat-input commands and options", () => {
    expect(only([chat("ping", { description: "" })])).toBe(
      'command "/ping" has a description of 0 characters; Discord allows 1 to 100.',
    );
    expect(only([chat("ping", { options: [text("q", { description: "x".repeat(101) })] })])).toBe(
      'option "q" of "/ping" has a description of 101 characters; Discord allows 1 to 100.',
    );
  });

  it("checks localized names and descriptions too", () => {
    expect(only([chat("ping", { name_localizations: { de: "Pingen" } })])).toMatch(
      /"Pingen"; it must be lower/,
    );
  });

  it("allows spaces and capitals in context-menu names but not more than 32 characters", () => {
    expect(only([menu(ApplicationCommandType.User, "U".repeat(33))])).toBe(
      'user command "UUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUUU" has a name of 33 characters; Discord allows 1 to 32.',
    );
  });

  it("rejects descriptions on context-menu commands", () => {
    const definition = { ...menu(ApplicationCommandType.Message, "Quote"), description: "Quotes it" };
    expect(only([definition])).toMatch(/context-menu commands must not/);
  });

  it("rejects more than 25 options", () => {
    const options = Array.from({ length: 26 }, (_, index) => text(`o${index}`));
    expect(only([chat("many", { options })])).toBe('command "/many" has 26 options; Discord allows 25.');
  });

  it("rejects a required option after an optional one", () => {
    const options = [text("first"), text("second", { required: true })];
    expect(only([chat("order", { options })])).toBe(
      'command "/order" lists required option "second" after an optional one.',
    );
  });

  it("rejects more than 25 choices, long choice names and long string values", () => {
    const choices = Array.from({ length: 26 }, (_, index) => ({ name: `c${index}`, value: `${index}` }));
    expect(only([chat("pick", { options: [text("c", { choices })] })])).toMatch(
      /has 26 choices; Discord allows 25/,
    );
    const long = [{ name: "n".repeat(101), value: "v".repeat(101) }];
    expect(commandLimitViolations([chat("pick", { options: [text("c", { choices: long })] })])).toEqual([
      `choice "${"n".repeat(101)}" of option "c" of "/pick" has a name of 101 characters; Discord allows 1 to 100.`,
      `choice "${"n".repeat(101)}" of option "c" of "/pick" has a value of 101 characters; Discord allows 0 to 100.`,
    ]);
  });

  it("rejects subcommands mixed with plain options", () => {
    const options = [{ type: Option.Subcommand, name: "sub", description: "Sub" }, text("loose")];
    expect(only([chat("mixed", { options } as never)])).toMatch(
      /"\/mixed" mixes subcommands with other options/,
    );
  });

  it("rejects groups inside groups and subcommands inside subcommands", () => {
    const nestedGroup = {
      type: Option.SubcommandGroup,
      name: "outer",
      description: "Outer",
      options: [{ type: Option.SubcommandGroup, name: "inner", description: "Inner", options: [] }],
    };
    expect(only([chat("deep", { options: [nestedGroup] } as never)])).toMatch(
      /group "\/deep outer" contains/,
    );
    const nestedSub = {
      type: Option.Subcommand,
      name: "outer",
      description: "Outer",
      options: [{ type: Option.Subcommand, name: "inner", description: "Inner" }],
    };
    expect(only([chat("deep", { options: [nestedSub] } as never)])).toMatch(
      /subcommand "\/deep outer" contains/,
    );
  });

  it("rejects a command whose names, descriptions and values exceed 8000 characters", () => {
    const choices = Array.from({ length: 25 }, (_, index) => ({
      name: "n".repeat(100),
      value: String(index).padStart(100, "v"),
    }));
    const options = Array.from({ length: 2 }, (_, index) => text(`o${index}`, { choices }));
    expect(only([chat("huge", { options })])).toMatch(
      /^command "\/huge" has \d+ characters .* allows 8000\.$/,
    );
  });

  it("rejects more than 100 chat-input, 5 user or 5 message commands", () => {
    const chats = Array.from({ length: 101 }, (_, index) => chat(`c${index}`));
    expect(only(chats)).toBe("there are 101 chat-input commands; Discord allows 100.");
    const users = Array.from({ length: 6 }, (_, index) => menu(ApplicationCommandType.User, `U ${index}`));
    expect(only(users)).toBe("there are 6 user commands; Discord allows 5.");
  });

  it("rejects two commands of the same type and name but allows the name across types", () => {
    expect(only([chat("ping"), chat("ping")])).toBe('chat-input command "ping" is defined twice.');
    const mixed = [chat("quote"), menu(ApplicationCommandType.Message, "quote")];
    expect(commandLimitViolations(mixed)).toEqual([]);
  });

  it("rejects two options with the same name", () => {
    expect(only([chat("dup", { options: [text("a"), text("a")] })])).toBe(
      'command "/dup" has two options named "a".',
    );
  });
});
