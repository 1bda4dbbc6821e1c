import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType as OptionType,
  type RESTPostAPIApplicationCommandsJSONBody,
} from "discord-api-types/v10";

/** Option values as a user would type them: `{ query: "hello", limit: "5" }`. */
export type OptionInput = Record<string, string | number | boolean>;

/** Raised when options do not fit the command definition, as Discord's client would refuse them. */
export class CommandOptionsError extends Error {
  override name = "CommandOptionsError";
}

function convert(option: APIApplicationCommandBasicOption, raw: string | number | boolean) {
  const text = String(raw);
  switch (option.type) {
    case OptionType.Integer: {
      if (!/^-?\d+$/.test(text))
        throw new CommandOptionsError(`--${option.name} must be an integer, got "${text}"`);
      return Number(text);
    }
    case OptionType.Number: {
      const value = Number(text);
      if (text.trim() === "" || Number.isNaN(value))
        throw new CommandOptionsError(`--${option.name} must be a number, got "${text}"`);
      return value;
    }
    case OptionType.Boolean:
      if (text !== "true" && text !== "false")
        throw new CommandOptionsError(`--${option.name} must be true or false, got "${text}"`);
      return text === "true";
    default:
      return text;
  }
}

function checkChoice(option: APIApplicationCommandBasicOption, value: string | number | boolean) {
  const choices = "choices" in option ? option.choices : undefined;
  if (!choices || choices.length === 0) return;
  if (!choices.some((choice) => choice.value === value)) {
    const allowed = choices.map((choice) => String(choice.value)).join(", ");
    throw new CommandOptionsError(`--${option.name} must be one of: ${allowed}`);
  }
}

/** Discord's client refuses values outside the declared length and range before sending. */
function checkLimits(option: APIApplicationCommandBasicOption, value: string | number | boolean) {
  const limits = option as {
    min_length?: number;
    max_length?: number;
    min_value?: number;
    max_value?: number;
  };
  if (typeof value === "string") {
    const length = [...value].length;
    const has = `--${option.name} has ${length} ${length === 1 ? "character" : "characters"}`;
    if (limits.max_length !== undefined && length > limits.max_length)
      throw new CommandOptionsError(`${has}; Discord allows at most ${limits.max_length}`);
    if (limits.min_length !== undefined && length < limits.min_length)
      throw new CommandOptionsError(`${has}; Discord needs at least ${limits.min_length}`);
  }
  if (typeof value === "number") {
    if (limits.max_value !== undefined && value > limits.max_value)
      throw new CommandOptionsError(`--${option.name} must be at most ${limits.max_value}, got ${value}`);
    if (limits.min_value !== undefined && value < limits.min_value)
      throw new CommandOptionsError(`--${option.name} must be at least ${limits.min_value}, got ${value}`);
  }
}

function basicOptions(
  declared: readonly APIApplicationCommandBasicOption[],
  input: OptionInput,
  focused: string | undefined,
): APIApplicationCommandInteractionDataBasicOption[] {
  const known = new Set(declared.map((option) => option.name));
  for (const name of Object.keys(input)) {
    if (!known.has(name)) {
      const valid = [...known].map((option) => `--${option}`).join(", ") || "none";
      throw new CommandOptionsError(`unknown option --${name} (valid: ${valid})`);
    }
  }
  const result: APIApplicationCommandInteractionDataBasicOption[] = [];
  for (const option of declared) {
    const raw = input[option.name];
    if (raw === undefined) {
      if (option.required && option.name !== focused)
        throw new CommandOptionsError(`missing required option --${option.name}`);
      continue;
    }
    if (option.name === focused) {
      result.push({ name: option.name, type: option.type, value: String(raw), focused: true } as never);
      continue;
    }
    const value = convert(option, raw);
    checkChoice(option, value);
    checkLimits(option, value);
    result.push({
      name: option.name,
      type: option.type,
      value,
    } as APIApplicationCommandInteractionDataBasicOption);
  }
  return result;
}

/**
 * Types option values by the command's definition, the way Discord's client sends them:
 * integers and numbers as numbers, booleans as booleans, ids as strings, and a subcommand
 * (group) path as nested options. `focused` marks the option being autocompleted.
 *
 * @example
 * commandOptions(definition, ["add"], { name: "faq", limit: "5" });
 * // [{ type: 1, name: "add", options: [{ type: 3, name: "name", value: "faq" }, { type: 4, name: "limit", value: 5 }] }]
 */
export function commandOptions(
  definition: RESTPostAPIApplicationCommandsJSONBody,
  path: readonly string[],
  input: OptionInput,
  focused?: string,
): APIApplicationCommandInteractionDataOption[] {
  const walk = (
    declared: readonly APIApplicationCommandOption[],
    rest: readonly string[],
  ): APIApplicationCommandInteractionDataOption[] => {
    const nested = declared.filter(
      (option) => option.type === OptionType.Subcommand || option.type === OptionType.SubcommandGroup,
    );
    if (nested.length === 0) {
      if (rest.length > 0)
        throw new CommandOptionsError(`/${definition.name} has no subcommand "${rest[0]}"`);
      return basicOptions(declared as APIApplicationCommandBasicOption[], input, focused);
    }
    const [name, ...tail] = rest;
    const names = nested.map((option) => option.name).join(", ");
    if (!name) throw new CommandOptionsError(`/${definition.name} needs a subcommand: ${names}`);
    const chosen = nested.find((option) => option.name === name);
    if (!chosen) throw new CommandOptionsError(`unknown subcommand "${name}" (valid: ${names})`);
    const options = walk((chosen.options ?? []) as APIApplicationCommandOption[], tail);
    return [
      { type: chosen.type, name: chosen.name, options },
    ] as APIApplicationCommandInteractionDataOption[];
  };
  return walk(("options" in definition ? definition.options : undefined) ?? [], path);
}
