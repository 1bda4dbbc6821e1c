import { matchesAny, matchesGlob } from "../glob.ts";

/** Raised when a request's target names no plugin, file or folder of the repository. */
export class TargetError extends Error {
  override name = "TargetError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const SOURCE = /\.(?:[cm]?[jt]sx?|json|md)$/;
const NEVER = /(^|\/)(node_modules|dist|\.git|fixtures)\/|(^|\/)(package-lock\.json|npm-shrinkwrap\.json)$/;

/** Files worth showing a model: sources, manifests and docs, no lockfiles, builds or fixtures. */
export const isContextFile = (path: string) => SOURCE.test(path) && !NEVER.test(path);

/**
 * The globs a target stands for: a plugin id (`greet` → `packages/plugins/greet/**`), a file,
 * a folder, or a glob. Throws `TargetError` when it matches no file.
 *
 * @example
 * targetGlobs("dice", paths) // ["packages/plugins/dice/**"]
 * targetGlobs("packages/plugins/dice/src/roll.ts", paths) // ["packages/plugins/dice/src/roll.ts"]
 */
export function targetGlobs(target: string, paths: readonly string[]): string[] {
  const clean = target.trim().replace(/^\.\//, "").replace(/\/+$/, "");
  if (!/^[\w./*@-]{1,200}$/.test(clean) || clean.split("/").includes(".."))
    throw new TargetError(`target "${target}" is not a plugin id or a repository path`);
  const candidates = clean.includes("*")
    ? [clean]
    : /^[a-z][a-z0-9-]*$/.test(clean)
      ? [`packages/plugins/${clean}/**`, clean, `${clean}/**`]
      : [clean, `${clean}/**`];
  for (const glob of candidates) if (paths.some((path) => matchesGlob(path, glob))) return [glob];
  throw new TargetError(`target "${target}" matches no plugin, file or folder of the repository`);
}

/**
 * The files a request may be answered from: those under the target when one is given, else
 * those in the editable scope; context files only.
 *
 * @example
 * candidateFiles(paths, { scope: ["packages/plugins/**"] })
 */
export function candidateFiles(
  paths: readonly string[],
  options: { target?: string | undefined; scope: readonly string[] },
): string[] {
  const globs = options.target ? targetGlobs(options.target, paths) : options.scope;
  return paths.filter((path) => isContextFile(path) && matchesAny(path, globs));
}
