import type { FileChange } from "../../apply/types.ts";
import { type Project, SCRIPT } from "../../repo/project.ts";
import { resolveImport } from "../../repo/resolve-import.ts";
import { workspaceOf } from "../../repo/workspaces.ts";
import type { Violation } from "../types.ts";
import { introduced } from "../violations.ts";

/** Whether a package is declared by the root or by the workspace holding the importing file. */
function declared(name: string, path: string, project: Project): boolean {
  const own = workspaceOf(path, project.workspaces);
  const root = project.workspaces[0];
  const types = name.startsWith("@") ? `@types/${name.slice(1).replace("/", "__")}` : `@types/${name}`;
  return [own, root].some(
    (workspace) => workspace?.dependencies.has(name) || workspace?.dependencies.has(types),
  );
}

/** Import findings for one file of one tree. */
function fileViolations(path: string, project: Project): Violation[] {
  const found: Violation[] = [];
  const own = workspaceOf(path, project.workspaces);
  for (const ref of project.importsOf(path)) {
    const resolved = resolveImport(ref.specifier, path, project.resolver);
    const at = { file: path, line: ref.line, severity: "error" as const };
    if (resolved.kind === "unresolved") {
      found.push({ ...at, rule: "dependencies/unresolved", message: `import ${resolved.reason}` });
      continue;
    }
    const name =
      resolved.kind === "external"
        ? resolved.name
        : resolved.kind === "file"
          ? resolved.workspace?.name
          : undefined;
    if (name === undefined || name === own.name || declared(name, path, project)) continue;
    const where = own.dir === "" ? "the root package.json" : `the root or ${own.name}`;
    found.push({
      ...at,
      rule: "dependencies/undeclared-package",
      message: `imports \`${ref.specifier}\`, but ${name} is not a dependency of ${where}; self-edits cannot add packages`,
    });
  }
  return found;
}

/**
 * Every import in a changed script must resolve to a file of the changed tree (workspace
 * `exports` maps respected) or to a package the root or its workspace already declares.
 * Only findings the change introduced are returned.
 */
export function dependencyViolations(
  changes: readonly FileChange[],
  base: Project,
  after: Project,
): Violation[] {
  const found: Violation[] = [];
  for (const change of changes) {
    if (!SCRIPT.test(change.path)) continue;
    const before = change.before === undefined ? [] : fileViolations(change.path, base);
    found.push(...introduced(fileViolations(change.path, after), before));
  }
  return found;
}
