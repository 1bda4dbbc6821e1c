import type { PluginManifest } from "@megawatts/core";
import { PERMISSION_BITS, type PermissionName, permissionLabel, permissionString } from "./permissions.ts";

/** What the invite link asks for, and which plugin needs each permission. */
export interface Invite {
  url: string;
  /** Every permission asked for, with the plugins that need it, in Discord's order. */
  permissions: { name: PermissionName; label: string; plugins: string[] }[];
}

/**
 * The link that adds the bot to a server with exactly the permissions the installed plugins'
 * manifests declare (the union of their `permissions`), and the scopes an interactions bot
 * needs: `bot` (its REST calls, such as reading channel history) and `applications.commands`.
 *
 * @example
 * inviteLink("1100000000000000001", manifests).url
 * // "https://discord.com/oauth2/authorize?client_id=1100000000000000001&scope=bot+applications.commands&permissions=68608"
 */
export function inviteLink(applicationId: string, manifests: readonly PluginManifest[]): Invite {
  const needs = new Map<PermissionName, string[]>();
  for (const manifest of manifests)
    for (const name of manifest.permissions as readonly PermissionName[])
      needs.set(name, [...(needs.get(name) ?? []), manifest.id]);
  const names = [...needs.keys()].sort((a, b) => (PERMISSION_BITS[a] < PERMISSION_BITS[b] ? -1 : 1));
  const query = new URLSearchParams({
    client_id: applicationId,
    scope: "bot applications.commands",
    permissions: permissionString(names),
  });
  return {
    url: `https://discord.com/oauth2/authorize?${query}`,
    permissions: names.map((name) => ({
      name,
      label: permissionLabel(name),
      plugins: needs.get(name) ?? [],
    })),
  };
}
