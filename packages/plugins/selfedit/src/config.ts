/** Raised when the self-edit settings in the environment are invalid; names every bad variable. */
export class SelfEditConfigError extends Error {
  override name = "SelfEditConfigError";
}

const PRESETS = ["manual", "semi-automatic", "automatic"] as const;
const SNOWFLAKE = /^\d{17,20}$/;

/** Who may use `/improve`, where, and how much is approved without a human. */
export interface SelfEditSettings {
  /** `manual` (default): every change waits for a maintainer's Approve. */
  preset: "manual" | "semi-automatic" | "automatic";
  /** Members with this role count as maintainers, besides those with Manage Server. */
  maintainerRoleId?: string;
  /** When set, `/improve` works only in these servers. */
  guildIds?: string[];
}

const parsed = new Map<string, SelfEditSettings>();

/**
 * Reads `SELFEDIT_PRESET`, `SELFEDIT_MAINTAINER_ROLE_ID` and `SELFEDIT_GUILD_IDS` (empty
 * means unset) once per distinct value, failing with every bad variable named.
 *
 * @example
 * selfEditSettings({ SELFEDIT_PRESET: "automatic" }) // { preset: "automatic" }
 */
export function selfEditSettings(env: Record<string, string | undefined> = process.env): SelfEditSettings {
  const raw = {
    SELFEDIT_PRESET: env.SELFEDIT_PRESET,
    SELFEDIT_MAINTAINER_ROLE_ID: env.SELFEDIT_MAINTAINER_ROLE_ID,
    SELFEDIT_GUILD_IDS: env.SELFEDIT_GUILD_IDS,
  };
  const key = JSON.stringify(raw);
  const known = parsed.get(key);
  if (known) return known;
  // Parsed by hand rather than with zod: this runs in the ingress, whose bundle stays small.
  const problems: string[] = [];
  const preset = raw.SELFEDIT_PRESET?.trim() || "manual";
  if (!(PRESETS as readonly string[]).includes(preset))
    problems.push(`- SELFEDIT_PRESET: must be one of ${PRESETS.join(", ")}, got "${preset}"`);
  const role = raw.SELFEDIT_MAINTAINER_ROLE_ID?.trim() || undefined;
  if (role && !SNOWFLAKE.test(role))
    problems.push("- SELFEDIT_MAINTAINER_ROLE_ID: must be a snowflake (17 to 20 digits)");
  const guilds = raw.SELFEDIT_GUILD_IDS?.split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  if (guilds?.some((id) => !SNOWFLAKE.test(id)))
    problems.push("- SELFEDIT_GUILD_IDS: must be snowflakes separated by commas");
  if (problems.length > 0)
    throw new SelfEditConfigError(`invalid self-edit settings:\n${problems.join("\n")}`);
  const settings: SelfEditSettings = {
    preset: preset as SelfEditSettings["preset"],
    ...(role ? { maintainerRoleId: role } : {}),
    ...(guilds?.length ? { guildIds: guilds } : {}),
  };
  parsed.set(key, settings);
  return settings;
}
