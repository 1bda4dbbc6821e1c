import type { RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";

/** Every way the definitions break Discord's command limits, as readable sentences. */
export function commandLimitViolations(
  _definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
): string[] {
  return [];
}
