import type {
  APIApplicationCommandInteractionDataOption,
  APIChatInputApplicationCommandInteractionData,
} from "discord-api-types/v10";
import { OptionType } from "../discord-enums.ts";

export type OptionValue = string | number | boolean;

/** A slash command's chosen subcommand (under its group, if any) and option values by name. */
export interface CommandOptions {
  /** `["create", "keyword"]` for `/automod create keyword`; `[]` for a command without subcommands. */
  path: string[];
  /** Users, roles and channels as their ids. */
  values: Record<string, OptionValue>;
}

/**
 * The subcommand path and option values of a slash command's data.
 *
 * @example
 * commandOptions(interaction.data) // { path: ["close"], values: { reason: "solved" } }
 */
export function commandOptions(
  data: Pick<APIChatInputApplicationCommandInteractionData, "options">,
): CommandOptions {
  const path: string[] = [];
  let options: readonly APIApplicationCommandInteractionDataOption[] = data.options ?? [];
  for (;;) {
    const [first] = options;
    if (!first || (first.type !== OptionType.Subcommand && first.type !== OptionType.SubcommandGroup)) break;
    path.push(first.name);
    options = first.options ?? [];
  }
  const values: Record<string, OptionValue> = {};
  for (const option of options) if ("value" in option) values[option.name] = option.value;
  return { path, values };
}
