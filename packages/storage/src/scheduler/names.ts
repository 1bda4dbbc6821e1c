// A schedule's name carries its guild, so listing a guild is a name-prefix query and an id
// from another guild names a schedule that does not exist. Guild ids are digits only, so the
// first "-" always ends the guild part.

/**
 * The prefix of every schedule name of one guild.
 *
 * @example
 * guildNamePrefix("81384788765712384") // "g81384788765712384-"
 */
export function guildNamePrefix(guildId: string): string {
  return `g${guildId}-`;
}

/**
 * The EventBridge schedule name of a guild's one-shot task (at most 62 characters).
 *
 * @example
 * scheduleName("81384788765712384", "sch_01JD3K8Z6Q9T0V4N2B7C5X1M8R") // "g81384788765712384-sch_01JD3K8Z6Q9T0V4N2B7C5X1M8R"
 */
export function scheduleName(guildId: string, id: string): string {
  return `${guildNamePrefix(guildId)}${id}`;
}

/**
 * An `at()` expression for a time, to the second, in UTC.
 *
 * @example
 * atExpression(Date.parse("2026-12-07T14:00:00.500Z")) // "at(2026-12-07T14:00:01)"
 */
export function atExpression(epochMs: number): string {
  const seconds = Math.ceil(epochMs / 1000) * 1000;
  return `at(${new Date(seconds).toISOString().slice(0, 19)})`;
}
