import { readdir, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const WEB_DIR = fileURLToPath(new URL("../web", import.meta.url));
/** Where the built app lands: `index.html` and hashed `assets/`. */
export const DASHBOARD_DIST = fileURLToPath(new URL("../dist", import.meta.url));

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await stat(`${entry.parentPath}/${entry.name}`)).mtimeMs);
  }
  return newest;
}

async function builtAt(): Promise<number> {
  return stat(`${DASHBOARD_DIST}/index.html`).then(
    (built) => built.mtimeMs,
    () => 0,
  );
}

/**
 * Builds the dashboard's app with Vite when its sources are newer than the last build (about a
 * second), so `npm run dev` and the tests serve what the sources say. Resolves with the built
 * directory.
 *
 * @example
 * const dir = await ensureDashboardBuilt();
 */
export async function ensureDashboardBuilt(): Promise<string> {
  if ((await builtAt()) > (await newestSource(WEB_DIR))) return DASHBOARD_DIST;
  const { build } = await import("vite");
  await build({ configFile: `${WEB_DIR}/vite.config.ts` });
  return DASHBOARD_DIST;
}
