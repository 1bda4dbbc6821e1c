import { DiscordAPIError, type REST, RequestMethod, type RouteLike } from "@discordjs/rest";
import { DiscordRequestError, type DiscordRestPort, type DiscordRules } from "@megawatts/core";
import {
  basePermissions,
  channelPermissions,
  highestRole,
  missingPermissions,
  outranks,
  permissionBits,
} from "../permissions/index.ts";

const METHODS = {
  GET: RequestMethod.Get,
  POST: RequestMethod.Post,
  PUT: RequestMethod.Put,
  PATCH: RequestMethod.Patch,
  DELETE: RequestMethod.Delete,
} as const;

/**
 * The tools' REST port on `@discordjs/rest`: its bucket queues, 429 waits and 5xx retries,
 * `reason` sent as `X-Audit-Log-Reason`; Discord's refusals become `DiscordRequestError`.
 *
 * @example
 * const port = discordRestPort(createDiscordRest({ apiUrl, token }));
 * await port.call({ method: "DELETE", route: Routes.guildRole(guildId, roleId), reason: "cleanup" });
 */
export function discordRestPort(rest: REST): DiscordRestPort {
  return {
    async call<T>({ method, route, body, query, reason }: Parameters<DiscordRestPort["call"]>[0]) {
      try {
        return (await rest.request({
          fullRoute: route as RouteLike,
          method: METHODS[method],
          ...(body !== undefined ? { body } : {}),
          ...(query ? { query: new URLSearchParams(query) } : {}),
          ...(reason ? { reason } : {}),
        })) as T;
      } catch (error) {
        if (error instanceof DiscordAPIError)
          throw new DiscordRequestError(
            error.status,
            typeof error.code === "number" ? error.code : 0,
            // A 50035's field errors are in the client's message, one line per field.
            "errors" in error.rawError || !("message" in error.rawError)
              ? error.message.replaceAll("\n", "; ")
              : error.rawError.message,
            { cause: error },
          );
        throw error;
      }
    },
  };
}

/** Discord's permission and hierarchy rules, for the tool executor. */
export const discordRules: DiscordRules = {
  basePermissions: (guild, subject) => basePermissions(guild, subject),
  channelPermissions,
  missingPermissions,
  permissionBits,
  highestRole,
  outranks,
};
