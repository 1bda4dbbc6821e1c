import type { APIOverwrite, APIRole, PermissionFlagsBits } from "discord-api-types/v10";

export type PermissionName = keyof typeof PermissionFlagsBits;

/** One Discord REST request, by route (`Routes.guildRoles(id)`), as the tools make them. */
export interface DiscordCall {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Below the API base, e.g. `/guilds/81384788765712384/roles`. */
  route: `/${string}`;
  body?: unknown;
  query?: Record<string, string>;
  /** Sent as `X-Audit-Log-Reason`, so Discord's own audit log says why. */
  reason?: string;
}

/**
 * The port the tools speak Discord through: one authenticated REST call. The adapter
 * (`@megawatts/discord/tools`, on `@discordjs/rest`) queues per rate-limit bucket, waits out
 * 429s and retries 5xx; it throws `DiscordRequestError` for any other failure.
 *
 * @example
 * const roles = await rest.call<APIRole[]>({ method: "GET", route: `/guilds/${guildId}/roles` });
 */
export interface DiscordRestPort {
  call<T = unknown>(request: DiscordCall): Promise<T>;
}

/** Discord refused a request: its HTTP status, JSON error code and message. */
export class DiscordRequestError extends Error {
  override name = "DiscordRequestError";
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface RuleSubject {
  userId: string;
  roleIds: readonly string[];
  communicationDisabledUntil?: string | null;
}

export interface RuleGuild {
  id: string;
  ownerId: string;
  roles: readonly Pick<APIRole, "id" | "permissions" | "position">[];
}

type RankedRole = Pick<APIRole, "id" | "position">;

/**
 * Discord's permission and hierarchy rules, which live beside the code that speaks to Discord
 * (`@megawatts/discord/permission-rules`); the executor takes them as an argument.
 */
export interface DiscordRules {
  basePermissions(guild: RuleGuild, subject: RuleSubject): bigint;
  channelPermissions(
    base: bigint,
    overwrites: readonly APIOverwrite[],
    guildId: string,
    subject: RuleSubject,
  ): bigint;
  missingPermissions(held: bigint, required: bigint): PermissionName[];
  permissionBits(names: readonly PermissionName[]): bigint;
  highestRole(
    roles: readonly RankedRole[],
    roleIds: readonly string[],
    guildId: string,
  ): RankedRole | undefined;
  outranks(actorTop: RankedRole | undefined, target: RankedRole): boolean;
}
