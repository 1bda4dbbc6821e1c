import { CommandType, OptionType } from "@megawatts/core";
import type { RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";

/** Discord's own pattern for chat-input command and option names. */
const CHAT_INPUT_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const MAX_COMMAND_CHARS = 8000;
const MAX_GLOBAL: Record<number, number> = {
  [CommandType.ChatInput]: 100,
  [CommandType.User]: 5,
  [CommandType.Message]: 5,
};
const TYPE_NAMES: Record<number, string> = {
  [CommandType.ChatInput]: "chat-input",
  [CommandType.User]: "user",
  [CommandType.Message]: "message",
};

type Localizations = Partial<Record<string, string | null>> | null | undefined;

/** The fields of a command or option this check reads; every Discord option type fits it. */
interface Node {
  type?: number;
  name: string;
  description?: string;
  required?: boolean;
  autocomplete?: boolean;
  options?: readonly Node[];
  choices?: readonly { name: string; value: string | number; name_localizations?: Localizations }[];
  name_localizations?: Localizations;
  description_localizations?: Localizations;
}

const SUBCOMMANDS = new Set<number>([OptionType.Subcommand, OptionType.SubcommandGroup]);

function localized(value: string | undefined, localizations: Localizations): string[] {
  const values = Object.values(localizations ?? {}).filter(
    (text): text is string => typeof text === "string",
  );
  return [value ?? "", ...values];
}

function lengthProblem(subject: string, field: string, value: string, min: number, max: number) {
  if (value.length >= min && value.length <= max) return [];
  return [`${subject} has a ${field} of ${value.length} characters; Discord allows ${min} to ${max}.`];
}

function chatInputNameProblems(subject: string, node: Node): string[] {
  return localized(node.name, node.name_localizations).flatMap((name) => {
    if (!CHAT_INPUT_NAME.test(name))
      return [`${subject} has the name "${name}"; use 1 to 32 letters, digits, "-" or "_", without spaces.`];
    if (name !== name.toLowerCase()) return [`${subject} has the name "${name}"; it must be lower case.`];
    return [];
  });
}

function descriptionProblems(subject: string, node: Node): string[] {
  return localized(node.description, node.description_localizations).flatMap((text) =>
    lengthProblem(subject, "description", text, 1, 100),
  );
}

function choiceProblems(subject: string, node: Node): string[] {
  const choices = node.choices ?? [];
  const problems: string[] = [];
  if (choices.length > MAX_CHOICES)
    problems.push(`${subject} has ${choices.length} choices; Discord allows ${MAX_CHOICES}.`);
  if (choices.length > 0 && node.autocomplete)
    problems.push(`${subject} has both choices and autocomplete; Discord allows only one.`);
  for (const choice of choices) {
    const choiceSubject = `choice "${choice.name}" of ${subject}`;
    for (const name of localized(choice.name, choice.name_localizations))
      problems.push(...lengthProblem(choiceSubject, "name", name, 1, 100));
    if (typeof choice.value === "string")
      problems.push(...lengthProblem(choiceSubject, "value", choice.value, 0, 100));
  }
  return problems;
}

function nestingProblems(
  subject: string,
  level: "command" | "group" | "subcommand",
  options: readonly Node[],
) {
  const subcommands = options.filter((option) => SUBCOMMANDS.has(option.type ?? 0));
  if (level === "command" && subcommands.length > 0 && subcommands.length < options.length)
    return [`${subject} mixes subcommands with other options; Discord allows one or the other.`];
  if (level === "group" && subcommands.some((option) => option.type !== OptionType.Subcommand))
    return [`${subject} contains a subcommand group; a group may only contain subcommands.`];
  if (level === "group" && subcommands.length < options.length)
    return [`${subject} contains plain options; a group may only contain subcommands.`];
  if (level === "subcommand" && subcommands.length > 0)
    return [`${subject} contains a subcommand or group; a subcommand may only contain plain options.`];
  return [];
}

function orderProblems(subject: string, options: readonly Node[]): string[] {
  const firstOptional = options.findIndex((option) => !SUBCOMMANDS.has(option.type ?? 0) && !option.required);
  if (firstOptional < 0) return [];
  return options
    .slice(firstOptional + 1)
    .filter((option) => option.required)
    .map((option) => `${subject} lists required option "${option.name}" after an optional one.`);
}

function optionProblems(path: string, level: "command" | "group" | "subcommand", options: readonly Node[]) {
  const subject = level === "command" ? `command "/${path}"` : `${level} "/${path}"`;
  const problems = [...nestingProblems(subject, level, options), ...orderProblems(subject, options)];
  if (options.length > MAX_OPTIONS)
    problems.push(`${subject} has ${options.length} options; Discord allows ${MAX_OPTIONS}.`);
  const seen = new Set<string>();
  for (const option of options) {
    const optionSubject = `option "${option.name}" of "/${path}"`;
    if (seen.has(option.name)) problems.push(`${subject} has two options named "${option.name}".`);
    seen.add(option.name);
    problems.push(
      ...chatInputNameProblems(optionSubject, option),
      ...descriptionProblems(optionSubject, option),
    );
    problems.push(...choiceProblems(optionSubject, option));
    if (option.type === OptionType.SubcommandGroup)
      problems.push(...optionProblems(`${path} ${option.name}`, "group", option.options ?? []));
    if (option.type === OptionType.Subcommand)
      problems.push(...optionProblems(`${path} ${option.name}`, "subcommand", option.options ?? []));
  }
  return problems;
}

function localesOf(node: Node): string[] {
  const keys = [
    ...Object.keys(node.name_localizations ?? {}),
    ...Object.keys(node.description_localizations ?? {}),
    ...(node.choices ?? []).flatMap((choice) => Object.keys(choice.name_localizations ?? {})),
  ];
  return [...keys, ...(node.options ?? []).flatMap(localesOf)];
}

/** Characters Discord counts towards the 8000 limit, in one locale (or the default). */
function countChars(node: Node, locale?: string): number {
  const pick = (value: string | undefined, localizations: Localizations) =>
    (locale ? localizations?.[locale] : undefined) ?? value ?? "";
  const own =
    pick(node.name, node.name_localizations).length +
    pick(node.description, node.description_localizations).length;
  const choices = (node.choices ?? []).reduce(
    (sum, choice) => sum + pick(choice.name, choice.name_localizations).length + String(choice.value).length,
    0,
  );
  return (node.options ?? []).reduce((sum, option) => sum + countChars(option, locale), own + choices);
}

function sizeProblems(subject: string, node: Node): string[] {
  const locales = [undefined, ...new Set(localesOf(node))];
  const largest = Math.max(...locales.map((locale) => countChars(node, locale)));
  if (largest <= MAX_COMMAND_CHARS) return [];
  return [`${subject} has ${largest} characters in names, descriptions and values; Discord allows 8000.`];
}

function commandProblems(command: Node): string[] {
  const type = command.type ?? CommandType.ChatInput;
  if (type === CommandType.ChatInput || type === CommandType.PrimaryEntryPoint) {
    const subject = `command "/${command.name}"`;
    return [
      ...chatInputNameProblems(subject, command),
      ...descriptionProblems(subject, command),
      ...optionProblems(command.name, "command", command.options ?? []),
      ...sizeProblems(subject, command),
    ];
  }
  const subject = `${TYPE_NAMES[type] ?? "context-menu"} command "${command.name}"`;
  const problems = localized(command.name, command.name_localizations).flatMap((name) =>
    lengthProblem(subject, "name", name, 1, 32),
  );
  if (command.description) problems.push(`${subject} has a description; context-menu commands must not.`);
  if (command.options?.length) problems.push(`${subject} has options; context-menu commands must not.`);
  return problems;
}

/**
 * Every way the definitions break Discord's documented command limits, as readable sentences
 * that name the command and option. An empty list means Discord will accept the set.
 *
 * @example
 * commandLimitViolations([{ name: "Ping", description: "" }]);
 * // ['command "/Ping" has the name "Ping"; it must be lower case.', ...]
 */
export function commandLimitViolations(
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
): string[] {
  const commands = definitions as readonly Node[];
  const problems = commands.flatMap(commandProblems);
  const counts = new Map<number, number>();
  const seen = new Set<string>();
  for (const command of commands) {
    const type = command.type ?? CommandType.ChatInput;
    counts.set(type, (counts.get(type) ?? 0) + 1);
    const key = `${type}:${command.name}`;
    if (seen.has(key))
      problems.push(`${TYPE_NAMES[type] ?? "a"} command "${command.name}" is defined twice.`);
    seen.add(key);
  }
  for (const [type, count] of counts) {
    const max = MAX_GLOBAL[type];
    if (max !== undefined && count > max)
      problems.push(`there are ${count} ${TYPE_NAMES[type]} commands; Discord allows ${max}.`);
  }
  return problems;
}
