import type { PluginManifest } from "./types.ts";

const ID = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * Ids that are kebab-case and used once: all the ingress checks, so it loads no version logic.
 *
 * @example
 * checkPluginIds([{ id: "notes", ... }, { id: "notes", ... }]) // ['plugin id "notes" is used twice']
 */
export function checkPluginIds(manifests: readonly PluginManifest[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const manifest of manifests) {
    if (!ID.test(manifest.id)) problems.push(`plugin id "${manifest.id}" is not kebab-case`);
    if (ids.has(manifest.id)) problems.push(`plugin id "${manifest.id}" is used twice`);
    ids.add(manifest.id);
  }
  return problems;
}
