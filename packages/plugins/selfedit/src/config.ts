import { z } from "zod";

/** Raised when the self-edit settings in the environment are invalid; names every bad variable. */
export class SelfEditConfigError extends Error {
  override name = "SelfEditConfigError";
}

const blank = (value: unknown) => (value === "" ? undefined : value);
const snowflake = z.string().regex(/^\d{17,20}$/, "must be a snowflake (17 to 20 digits)");

const SettingsSchema = z.object({
  SELFEDIT_PRESET: z.preprocess(blank, z.enum(["manual", "semi-automatic", "automatic"]).default("manual")),
  SELFEDIT_MAINTAINER_ROLE_ID: z.preprocess(blank, snowflake.optional()),
  SELFEDIT_GUILD_IDS: z.preprocess(
    (value) =>
      typeof value === "string" && value.trim() !== "" ? value.split(",").map((id) => id.trim()) : undefined,
    z.array(snowflake).optional(),
  ),
});

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
  const result = SettingsSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `- ${issue.path.join(".")}: ${issue.message}`);
    throw new SelfEditConfigError(`invalid self-edit settings:\n${lines.join("\n")}`);
  }
  const {
    SELFEDIT_PRESET: preset,
    SELFEDIT_MAINTAINER_ROLE_ID: role,
    SELFEDIT_GUILD_IDS: guilds,
  } = result.data;
  const settings: SelfEditSettings = {
    preset,
    ...(role ? { maintainerRoleId: role } : {}),
    ...(guilds ? { guildIds: guilds } : {}),
  };
  parsed.set(key, settings);
  return settings;
}
