import { outranks } from "@megawatts/discord/permission-rules";
import { type APIRole, AuditLogEvent, PermissionFlagsBits } from "discord-api-types/v10";
import type { SinkReply } from "../../discord-sink-routes.ts";
import { canManageRole } from "./members.ts";
import { fail, invalidBody, missingPermissions, noContent, ok, unknown } from "./replies.ts";
import type { GuildState } from "./state.ts";
import type { GuildRequest } from "./types.ts";

type RoleBody = Partial<Pick<APIRole, "name" | "color" | "hoist" | "mentionable" | "position">> & {
  permissions?: string;
};

/** A role may only grant permissions the bot itself holds (unless it is an administrator). */
function grantsMoreThanBot(state: GuildState, permissions: string | undefined): boolean {
  if (permissions === undefined) return false;
  const held = state.permissionsOf(state.botUserId);
  if ((held & PermissionFlagsBits.Administrator) !== 0n) return false;
  return (BigInt(permissions) & ~held) !== 0n;
}

function validRoleBody(body: RoleBody): SinkReply | undefined {
  if (body.name !== undefined && (typeof body.name !== "string" || body.name.length > 100))
    return invalidBody("name", "Must be 100 or fewer in length.");
  if (body.permissions !== undefined && !/^\d+$/.test(String(body.permissions)))
    return invalidBody("permissions", "Value is not a valid permission set.");
  return undefined;
}

/** `GET|POST /guilds/{id}/roles`. */
export function rolesRoute(state: GuildState, request: GuildRequest): SinkReply {
  if (request.method === "GET") return ok([...state.roles.values()]);
  if (request.method !== "POST") return fail(405, 0, "405: Method Not Allowed");
  const body = (request.body ?? {}) as RoleBody;
  const invalid = validRoleBody(body);
  if (invalid) return invalid;
  if ((state.permissionsOf(state.botUserId) & PermissionFlagsBits.ManageRoles) === 0n)
    return missingPermissions();
  if (grantsMoreThanBot(state, body.permissions)) return missingPermissions();
  const role = state.addRole({
    name: body.name ?? "new role",
    permissions: body.permissions ?? "0",
    color: body.color ?? 0,
    hoist: body.hoist ?? false,
    mentionable: body.mentionable ?? false,
  });
  state.audit(AuditLogEvent.RoleCreate, { targetId: role.id, reason: request.reason });
  return ok(role);
}

/** `PATCH|DELETE /guilds/{id}/roles/{role}`. */
export function roleRoute(state: GuildState, roleId: string, request: GuildRequest): SinkReply {
  const role = state.roles.get(roleId);
  if (!role) return unknown("Role");
  if (request.method === "GET") return ok(role);
  if (!canManageRole(state, role)) return missingPermissions();
  if (request.method === "DELETE") {
    if (roleId === state.id) return fail(400, 50028, "Invalid Role");
    state.roles.delete(roleId);
    for (const member of state.members.values()) member.roles = member.roles.filter((id) => id !== roleId);
    state.audit(AuditLogEvent.RoleDelete, { targetId: roleId, reason: request.reason });
    return noContent();
  }
  if (request.method !== "PATCH") return fail(405, 0, "405: Method Not Allowed");
  const body = (request.body ?? {}) as RoleBody;
  const invalid = validRoleBody(body);
  if (invalid) return invalid;
  if (grantsMoreThanBot(state, body.permissions)) return missingPermissions();
  if (
    body.position !== undefined &&
    !outranks(state.topRole(state.botUserId), { id: roleId, position: body.position })
  )
    return missingPermissions();
  for (const key of ["name", "color", "hoist", "mentionable", "permissions", "position"] as const)
    if (body[key] !== undefined) Object.assign(role, { [key]: body[key] });
  state.audit(AuditLogEvent.RoleUpdate, { targetId: roleId, reason: request.reason });
  return ok(role);
}

/** `GET /guilds/{id}` (with `with_counts`) and `GET /guilds/{id}/audit-logs`. */
export function guildRoute(state: GuildState, request: GuildRequest): SinkReply {
  if (request.method !== "GET") return fail(405, 0, "405: Method Not Allowed");
  const counts =
    request.query.get("with_counts") === "true"
      ? { approximate_member_count: state.members.size, approximate_presence_count: 0 }
      : {};
  return ok({
    id: state.id,
    name: state.name,
    owner_id: state.ownerId,
    roles: [...state.roles.values()],
    emojis: [],
    stickers: [],
    features: [],
    icon: null,
    description: null,
    preferred_locale: "en-US",
    ...counts,
  });
}

export function auditLogRoute(state: GuildState, request: GuildRequest): SinkReply {
  if ((state.permissionsOf(state.botUserId) & PermissionFlagsBits.ViewAuditLog) === 0n)
    return missingPermissions();
  const limit = Math.min(100, Number(request.query.get("limit") ?? 50));
  const { query } = request;
  const before = query.get("before");
  const after = query.get("after");
  const entries = [...state.auditLog]
    .reverse()
    .filter(
      (entry) =>
        (!query.get("user_id") || entry.user_id === query.get("user_id")) &&
        (!query.get("action_type") || entry.action_type === Number(query.get("action_type"))) &&
        (!before || BigInt(entry.id) < BigInt(before)) &&
        (!after || BigInt(entry.id) > BigInt(after)),
    )
    .slice(0, limit);
  return ok({
    audit_log_entries: entries,
    users: [...state.users.values()],
    webhooks: [...state.webhooks.values()],
    integrations: [],
    threads: [],
    application_commands: [],
    auto_moderation_rules: [],
    guild_scheduled_events: [],
  });
}
