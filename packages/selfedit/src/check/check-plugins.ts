import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { resolveConfig } from "../validate/config.ts";
import { securityViolations } from "../validate/security/index.ts";
import type { Violation } from "../validate/types.ts";

const SOURCE = /\.(ts|tsx|js|mjs|cjs|json)$/;

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (SOURCE.test(entry.name)) yield path;
  }
}

/**
 * Runs the self-edit security stage over every file of every plugin, as if each had just been
 * written by a self-edit, so a pattern the bot would refuse in a proposal cannot sit in a
 * plugin a person wrote. Returns the findings (empty when clean).
 *
 * @example
 * const findings = await checkPlugins(process.cwd()); // [] when every plugin passes
 */
export async function checkPlugins(root: string, folder = "packages/plugins"): Promise<Violation[]> {
  const { security } = resolveConfig();
  const found: Violation[] = [];
  for await (const path of files(join(root, folder))) {
    const name = relative(root, path);
    found.push(...securityViolations(name, await readFile(path, "utf8"), security));
  }
  return found.filter((violation) => violation.severity === "error");
}
