import { posix } from "node:path";
import ts from "typescript";
import type { Project } from "../../repo/project.ts";
import { resolveImport } from "../../repo/resolve-import.ts";

/** Parsed files kept between programs (lib and node_modules declarations are the bulk). */
export type SourceCache = Map<string, { text: string; target: ts.ScriptTarget; file: ts.SourceFile }>;

/**
 * Declarations outside the repository (TypeScript's libraries, node_modules) parsed once per
 * process and shared by every validator; an entry is reused only while its text is unchanged.
 */
const SHARED: SourceCache = new Map();

const EXTENSIONS: [RegExp, ts.Extension][] = [
  [/\.d\.ts$/, ts.Extension.Dts],
  [/\.tsx$/, ts.Extension.Tsx],
  [/\.ts$/, ts.Extension.Ts],
  [/\.mts$/, ts.Extension.Mts],
  [/\.cts$/, ts.Extension.Cts],
  [/\.jsx$/, ts.Extension.Jsx],
  [/\.json$/, ts.Extension.Json],
  [/\.m?js$/, ts.Extension.Js],
];

/**
 * A compiler host that reads the repository's files from a project tree (the base, or the
 * base with the change applied) and everything under node_modules, plus TypeScript's own
 * libraries, from disk. Nothing is written. Workspace packages resolve through their
 * `exports` maps inside the tree, so a snapshot never reads the work tree behind a symlink.
 */
export function createOverlayHost(
  root: string,
  project: Project,
  options: ts.CompilerOptions,
  cache: SourceCache,
): ts.CompilerHost {
  const prefix = `${root}/`;
  const rel = (path: string) => {
    if (!path.startsWith(prefix)) return undefined;
    const inner = path.slice(prefix.length);
    return inner.split("/").includes("node_modules") ? undefined : inner;
  };
  const dirs = new Set<string>([""]);
  for (const path of project.paths)
    for (let dir = posix.dirname(path); dir !== "."; dir = posix.dirname(dir)) dirs.add(dir);
  const readFile = (path: string) => {
    const inner = rel(path);
    return inner === undefined ? ts.sys.readFile(path) : project.texts.get(inner);
  };
  const moduleCache = ts.createModuleResolutionCache(root, (name) => name, options);
  const host: ts.CompilerHost = {
    getSourceFile(path, languageVersion) {
      const text = readFile(path);
      if (text === undefined) return undefined;
      const target = typeof languageVersion === "number" ? languageVersion : languageVersion.languageVersion;
      const files = rel(path) === undefined ? SHARED : cache;
      const known = files.get(path);
      if (known && known.text === text && known.target === target) return known.file;
      const file = ts.createSourceFile(path, text, languageVersion);
      files.set(path, { text, target, file });
      return file;
    },
    getDefaultLibFileName: (compilerOptions) => ts.getDefaultLibFilePath(compilerOptions),
    writeFile: () => undefined,
    getCurrentDirectory: () => root,
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (path) => {
      const inner = rel(path);
      return inner === undefined ? ts.sys.fileExists(path) : project.texts.has(inner);
    },
    readFile,
    directoryExists: (path) => {
      const inner = rel(path.replace(/\/$/, ""));
      return path === root || (inner === undefined ? ts.sys.directoryExists(path) : dirs.has(inner));
    },
    getDirectories: (path) => (rel(path) === undefined ? ts.sys.getDirectories(path) : []),
    realpath: (path) => (rel(path) === undefined && ts.sys.realpath ? ts.sys.realpath(path) : path),
    resolveModuleNameLiterals(literals, containingFile, _redirect, compilerOptions) {
      const from = rel(containingFile);
      return literals.map((literal) => {
        const resolved = from === undefined ? undefined : resolveImport(literal.text, from, project.resolver);
        if (resolved?.kind === "file" && resolved.workspace) {
          const extension =
            EXTENSIONS.find(([pattern]) => pattern.test(resolved.path))?.[1] ?? ts.Extension.Ts;
          return {
            resolvedModule: {
              resolvedFileName: prefix + resolved.path,
              extension,
              isExternalLibraryImport: false,
            },
          };
        }
        return ts.resolveModuleName(literal.text, containingFile, compilerOptions, host, moduleCache);
      });
    },
  };
  return host;
}
