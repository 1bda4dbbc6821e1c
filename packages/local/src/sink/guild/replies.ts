import type { SinkReply } from "../../discord-sink-routes.ts";

export const ok = (body: unknown): SinkReply => ({ status: 200, body });
export const created = (body: unknown): SinkReply => ({ status: 201, body });
export const noContent = (): SinkReply => ({ status: 204 });

/** Discord's JSON error codes for what the sink refuses. */
export const DiscordCode = {
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMember: 10007,
  UnknownMessage: 10008,
  UnknownOverwrite: 10009,
  UnknownRole: 10011,
  UnknownUser: 10013,
  UnknownWebhook: 10015,
  UnknownBan: 10026,
  MissingAccess: 50001,
  CannotEditOthersMessage: 50005,
  MissingPermissions: 50013,
  BulkDeleteCount: 50016,
  BulkDeleteTooOld: 50034,
  InvalidFormBody: 50035,
  MaxPins: 30003,
} as const;

export const fail = (status: number, code: number, message: string): SinkReply => ({
  status,
  body: { message, code },
});
export const missingPermissions = () => fail(403, DiscordCode.MissingPermissions, "Missing Permissions");
export const missingAccess = () => fail(403, DiscordCode.MissingAccess, "Missing Access");
export const unknown = (
  what: "Channel" | "Guild" | "Member" | "Message" | "Role" | "User" | "Webhook" | "Ban" | "Overwrite",
) => fail(404, DiscordCode[`Unknown${what}`], `Unknown ${what}`);

/** A 400 with Discord's nested field errors, for a body the sink cannot accept. */
export function invalidBody(field: string, message: string): SinkReply {
  return {
    status: 400,
    body: {
      message: "Invalid Form Body",
      code: DiscordCode.InvalidFormBody,
      errors: { [field]: { _errors: [{ code: "BASE_TYPE_INVALID", message }] } },
    },
  };
}
