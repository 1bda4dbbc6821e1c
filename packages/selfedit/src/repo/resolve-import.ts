import { builtinModules } from "node:module";
import { posix } from "node:path";
import { resolveExport, type Workspace } from "./workspaces.ts";

/** Where an import specifier leads. */
export type Resolution =
  | { kind: "file"; path: string; workspace?: Workspace }
  | { kind: "builtin"; name: string }
  | { kind: "external"; name: string }
  | { kind: "unresolved"; reason: string };

/** The files that exist and the workspaces, for resolving imports in one tree. */
export interface ResolveContext {
  exists(path: string): boolean;
  workspaces: readonly Workspace[];
}

const BUILTINS = new Set(builtinModules);
const SCRIPT_SWAP: Record<string, string[]> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};
const SUFFIXES = [
  ".ts",
  ".tsx",
  ".d.ts",
  ".js",
  ".mjs",
  ".cjs",
  ".json",
  "/index.ts",
  "/index.tsx",
  "/index.js",
];

/** The file a path names, trying TypeScript's extension rules. */
function findFile(path: string, context: ResolveContext): string | undefined {
  if (context.exists(path)) return path;
  const extension = posix.extname(path);
  for (const swap of SCRIPT_SWAP[extension] ?? []) {
    const candidate = path.slice(0, -extension.length) + swap;
    if (context.exists(candidate)) return candidate;
  }
  return SUFFIXES.map((suffix) => path + suffix).find((candidate) => context.exists(candidate));
}

/** Splits `@scope/name/sub` or `name/sub` into the package name and `./sub`. */
export function packageName(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split("/");
  const count = specifier.startsWith("@") ? 2 : 1;
  const rest = parts.slice(count).join("/");
  return { name: parts.slice(0, count).join("/"), subpath: rest ? `./${rest}` : "." };
}

/**
 * Resolves an import the way the bundler and TypeScript do here: relative paths with
 * TypeScript's extension rules, Node built-ins, workspace packages through their `exports`,
 * and anything else as an external package.
 *
 * @example
 * resolveImport("./format.ts", "packages/plugins/greet/src/ingress.ts", context);
 * // { kind: "file", path: "packages/plugins/greet/src/format.ts" }
 */
export function resolveImport(specifier: string, from: string, context: ResolveContext): Resolution {
  if (specifier.startsWith(".") || specifier.startsWith("/")) {
    const wanted = posix.normalize(posix.join(posix.dirname(from), specifier));
    const path = wanted.startsWith("../") ? undefined : findFile(wanted, context);
    return path
      ? { kind: "file", path }
      : { kind: "unresolved", reason: `\`${specifier}\` names no file (looked for ${wanted})` };
  }
  if (specifier.startsWith("node:") || BUILTINS.has(specifier))
    return { kind: "builtin", name: specifier.replace(/^node:/, "") };
  const { name, subpath } = packageName(specifier);
  const workspace = context.workspaces.find((candidate) => candidate.dir !== "" && candidate.name === name);
  if (!workspace) return { kind: "external", name };
  const exported = resolveExport(workspace, subpath);
  const path = exported && findFile(exported, context);
  return path
    ? { kind: "file", path, workspace }
    : { kind: "unresolved", reason: `\`${specifier}\`: workspace ${name} exports no "${subpath}"` };
}
