import { matchesGlob } from "../glob.ts";

/** The fields of a package.json the validator reads. */
export interface PackageManifest {
  name?: string;
  main?: string;
  exports?: unknown;
  workspaces?: string[] | { packages?: string[] };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** A package of the repository: the root (dir "") or one of its workspaces. */
export interface Workspace {
  /** Repository-relative folder, "" for the root. */
  dir: string;
  name: string;
  manifest: PackageManifest;
  /** Every dependency it declares, of any kind. */
  dependencies: Set<string>;
}

function parseManifest(text: string | undefined): PackageManifest | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as PackageManifest;
  } catch {
    return undefined;
  }
}

function toWorkspace(dir: string, manifest: PackageManifest): Workspace {
  const dependencies = new Set<string>();
  for (const list of [
    manifest.dependencies,
    manifest.devDependencies,
    manifest.peerDependencies,
    manifest.optionalDependencies,
  ])
    for (const name of Object.keys(list ?? {})) dependencies.add(name);
  return { dir, name: manifest.name ?? dir, manifest, dependencies };
}

/**
 * The root package and the workspaces its `workspaces` globs name, read from `package.json`
 * files in `files` (repository-relative path → text).
 *
 * @example
 * const [root, ...workspaces] = readWorkspaces(files);
 */
export function readWorkspaces(files: ReadonlyMap<string, string>): Workspace[] {
  const root = parseManifest(files.get("package.json")) ?? {};
  const globs = Array.isArray(root.workspaces) ? root.workspaces : (root.workspaces?.packages ?? []);
  const found = [toWorkspace("", root)];
  for (const path of files.keys()) {
    if (!path.endsWith("/package.json")) continue;
    const dir = path.slice(0, -"/package.json".length);
    if (!globs.some((glob) => matchesGlob(dir, glob.replace(/\/$/, "")))) continue;
    const manifest = parseManifest(files.get(path));
    if (manifest) found.push(toWorkspace(dir, manifest));
  }
  return found;
}

/** The innermost workspace holding a file (the root when none does). */
export function workspaceOf(path: string, workspaces: readonly Workspace[]): Workspace {
  let best = workspaces[0] as Workspace;
  for (const workspace of workspaces)
    if (
      workspace.dir !== "" &&
      path.startsWith(`${workspace.dir}/`) &&
      workspace.dir.length > best.dir.length
    )
      best = workspace;
  return best;
}

const CONDITIONS = ["import", "default", "node", "require", "types"];

/** The file a conditional export entry points to, preferring the ESM conditions. */
function target(entry: unknown): string | undefined {
  if (typeof entry === "string") return entry;
  if (Array.isArray(entry)) return entry.map(target).find((value) => value !== undefined);
  if (entry && typeof entry === "object") {
    const record = entry as Record<string, unknown>;
    for (const condition of CONDITIONS) {
      const value = target(record[condition]);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** Resolves `"."` or `"./sub"` through a workspace's `exports` map (wildcards included). */
export function resolveExport(workspace: Workspace, subpath: string): string | undefined {
  const join = (file: string) => [workspace.dir, file.replace(/^\.\//, "")].filter(Boolean).join("/");
  const { exports } = workspace.manifest;
  if (exports === undefined) {
    if (subpath === ".") return join(workspace.manifest.main ?? "index.js");
    return join(subpath);
  }
  const map =
    typeof exports === "string" ||
    Array.isArray(exports) ||
    !Object.keys(exports as object).some((key) => key.startsWith("."))
      ? { ".": exports }
      : (exports as Record<string, unknown>);
  const exact = target(map[subpath]);
  if (exact !== undefined) return join(exact);
  for (const [pattern, entry] of Object.entries(map)) {
    const star = pattern.indexOf("*");
    if (star === -1) continue;
    const [prefix, suffix] = [pattern.slice(0, star), pattern.slice(star + 1)];
    if (
      subpath.startsWith(prefix) &&
      subpath.endsWith(suffix) &&
      subpath.length >= prefix.length + suffix.length
    ) {
      const value = target(entry);
      const middle = subpath.slice(prefix.length, subpath.length - suffix.length);
      if (value !== undefined) return join(value.replace("*", middle));
    }
  }
  return undefined;
}
