import type { FileChange } from "../apply/types.ts";
import type { RepositorySnapshot } from "../snapshot/ports.ts";
import { extractImports, type ImportRef } from "./extract-imports.ts";
import { type ResolveContext, resolveImport } from "./resolve-import.ts";
import { readWorkspaces, type Workspace } from "./workspaces.ts";

const SOURCE = /\.(?:[cm]?[jt]sx?|json)$/;
const SKIPPED = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json)$/;
export const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;

/** An import resolved to a file of the tree. */
export interface Edge {
  to: string;
  reexport: boolean;
}

/** A repository tree as the whole-project stages see it: texts, workspaces and the import graph. */
export interface Project {
  /** Script and JSON files by path (lockfiles left out). */
  texts: ReadonlyMap<string, string>;
  /** Every file in the tree, of any kind. */
  paths: ReadonlySet<string>;
  workspaces: Workspace[];
  resolver: ResolveContext;
  /** Each file's imports, parsed once per text. */
  importsOf(path: string): ImportRef[];
  /** Files a file imports, resolved. */
  edges(path: string): Edge[];
  /** Files importing a file. */
  importers(path: string): { from: string; reexport: boolean }[];
  /** Parsed import lists by path, shared with trees derived from this one. */
  parseCache: ParseCache;
}

export type ParseCache = Map<string, { text: string; imports: ImportRef[] }>;

/** Builds a project over a set of texts; `parsed` carries import lists over from an earlier tree. */
export function createProject(
  texts: ReadonlyMap<string, string>,
  paths: ReadonlySet<string>,
  parsed: ParseCache = new Map(),
): Project {
  const workspaces = readWorkspaces(texts);
  const resolver: ResolveContext = { exists: (path) => paths.has(path), workspaces };
  const importsOf = (path: string) => {
    const text = texts.get(path) ?? "";
    const known = parsed.get(path);
    if (known?.text === text) return known.imports;
    const imports = SCRIPT.test(path) ? extractImports(path, text) : [];
    parsed.set(path, { text, imports });
    return imports;
  };
  const edges = (path: string): Edge[] =>
    importsOf(path).flatMap((ref) => {
      const resolved = resolveImport(ref.specifier, path, resolver);
      return resolved.kind === "file" ? [{ to: resolved.path, reexport: ref.reexport }] : [];
    });
  let reverse: Map<string, { from: string; reexport: boolean }[]> | undefined;
  const importers = (path: string) => {
    if (!reverse) {
      reverse = new Map();
      for (const from of texts.keys())
        for (const edge of SCRIPT.test(from) ? edges(from) : []) {
          const list = reverse.get(edge.to) ?? [];
          list.push({ from, reexport: edge.reexport });
          reverse.set(edge.to, list);
        }
    }
    return reverse.get(path) ?? [];
  };
  return { texts, paths, workspaces, resolver, importsOf, edges, importers, parseCache: parsed };
}

/** Reads every script and JSON file of a snapshot into a project. */
export async function loadProject(snapshot: RepositorySnapshot): Promise<Project> {
  const paths = await snapshot.listFiles();
  const wanted = paths.filter((path) => SOURCE.test(path) && !SKIPPED.test(path));
  const texts = await Promise.all(wanted.map((path) => snapshot.readFile(path)));
  const map = new Map<string, string>();
  for (const [i, path] of wanted.entries()) map.set(path, texts[i] ?? "");
  return createProject(map, new Set(paths));
}

/** The base project with the change applied; unchanged files keep their parsed imports. */
export function applyToProject(base: Project, changes: readonly FileChange[]): Project {
  const texts = new Map(base.texts);
  const paths = new Set(base.paths);
  for (const change of changes) {
    paths.add(change.path);
    if (SOURCE.test(change.path)) texts.set(change.path, change.after);
  }
  return createProject(texts, paths, base.parseCache);
}
