import { defineTool, type PermissionName } from "@megawatts/core";
import { type APIRole, PermissionFlagsBits, Routes } from "discord-api-types/v10";
import { z } from "zod";
import { mention, snowflake } from "./common.ts";

const permissionName = z.enum(Object.keys(PermissionFlagsBits) as [PermissionName, ...PermissionName[]]);
const roleFields = {
  color: z.number().int().min(0).max(0xffffff).optional().describe("RGB colour as a number, e.g. 3447003"),
  permissions: z.array(permissionName).max(60).optional().describe("Permission names, e.g. ManageMessages"),
  hoist: z.boolean().optional().describe("Show members with it separately"),
  mentionable: z.boolean().optional(),
};
const roleId = snowflake.describe("The role's id");
const memberId = snowflake.describe("The member's user id");

function roleBody(params: {
  name?: string | undefined;
  color?: number | undefined;
  permissions?: PermissionName[] | undefined;
  hoist?: boolean | undefined;
  mentionable?: boolean | undefined;
}) {
  const bits = params.permissions?.reduce((all, name) => all | PermissionFlagsBits[name], 0n);
  return Object.fromEntries(
    Object.entries({
      name: params.name,
      color: params.color,
      hoist: params.hoist,
      mentionable: params.mentionable,
      permissions: bits === undefined ? undefined : String(bits),
    }).filter(([, value]) => value !== undefined),
  );
}

export const roleCreate = defineTool({
  name: "role_create",
  category: "roles",
  description: "Create a role (it starts at the bottom of the list).",
  parameters: z.object({ name: z.string().min(1).max(100).describe("The role's name"), ...roleFields }),
  safety: "moderate",
  memberPermissions: ["ManageRoles"],
  botPermissions: ["ManageRoles"],
  scope: "guild",
  targets: (params) => ({ grants: params.permissions ?? [] }),
  plan: (params) =>
    `Create the role "${params.name}"${params.permissions?.length ? ` with ${params.permissions.join(", ")}` : " with no permissions"}.`,
  async run(params, { guildId, rest }) {
    const role = await rest.call<APIRole>({
      method: "POST",
      route: Routes.guildRoles(guildId),
      body: roleBody(params),
    });
    return {
      summary: `Created ${mention.role(role.id)} (${role.name}).`,
      data: { id: role.id, name: role.name },
    };
  },
});

export const roleUpdate = defineTool({
  name: "role_update",
  category: "roles",
  description: "Change a role's name, colour, permissions, hoist or mentionable setting.",
  parameters: z.object({ roleId, name: z.string().min(1).max(100).optional(), ...roleFields }),
  safety: "moderate",
  memberPermissions: ["ManageRoles"],
  botPermissions: ["ManageRoles"],
  scope: "guild",
  targets: (params) => ({ roleIds: [params.roleId], grants: params.permissions ?? [] }),
  plan: (params) =>
    `Update ${mention.role(params.roleId)}: ${Object.keys(roleBody(params)).join(", ") || "nothing"}.`,
  async run(params, { guildId, rest }) {
    const { roleId: id, ...fields } = params;
    const role = await rest.call<APIRole>({
      method: "PATCH",
      route: Routes.guildRole(guildId, id),
      body: roleBody(fields),
    });
    return {
      summary: `Updated ${mention.role(role.id)} (${role.name}).`,
      data: { id: role.id, name: role.name },
    };
  },
});

export const roleDelete = defineTool({
  name: "role_delete",
  category: "roles",
  description: "Delete a role; everyone who has it loses it.",
  parameters: z.object({ roleId }),
  safety: "dangerous",
  memberPermissions: ["ManageRoles"],
  botPermissions: ["ManageRoles"],
  scope: "guild",
  targets: (params) => ({ roleIds: [params.roleId] }),
  plan: (params) => `Delete the role ${mention.role(params.roleId)}; everyone who has it loses it.`,
  async run(params, { guildId, rest }) {
    await rest.call({ method: "DELETE", route: Routes.guildRole(guildId, params.roleId) });
    return { summary: `Deleted the role ${params.roleId}.`, data: { id: params.roleId } };
  },
});

export const roleAssign = defineTool({
  name: "role_assign",
  category: "roles",
  description: "Give a member a role.",
  parameters: z.object({ memberId, roleId }),
  safety: "moderate",
  memberPermissions: ["ManageRoles"],
  botPermissions: ["ManageRoles"],
  scope: "guild",
  targets: (params) => ({ roleIds: [params.roleId], memberId: params.memberId }),
  plan: (params) => `Give ${mention.user(params.memberId)} the role ${mention.role(params.roleId)}.`,
  async run(params, { guildId, rest }) {
    await rest.call({
      method: "PUT",
      route: Routes.guildMemberRole(guildId, params.memberId, params.roleId),
    });
    return { summary: `Gave ${mention.user(params.memberId)} ${mention.role(params.roleId)}.`, data: params };
  },
});

export const roleRemove = defineTool({
  name: "role_remove",
  category: "roles",
  description: "Take a role from a member.",
  parameters: z.object({ memberId, roleId }),
  safety: "moderate",
  memberPermissions: ["ManageRoles"],
  botPermissions: ["ManageRoles"],
  scope: "guild",
  targets: (params) => ({ roleIds: [params.roleId], memberId: params.memberId }),
  plan: (params) => `Take ${mention.role(params.roleId)} from ${mention.user(params.memberId)}.`,
  async run(params, { guildId, rest }) {
    await rest.call({
      method: "DELETE",
      route: Routes.guildMemberRole(guildId, params.memberId, params.roleId),
    });
    return {
      summary: `Took ${mention.role(params.roleId)} from ${mention.user(params.memberId)}.`,
      data: params,
    };
  },
});

export const roleTools = [roleCreate, roleUpdate, roleDelete, roleAssign, roleRemove];
