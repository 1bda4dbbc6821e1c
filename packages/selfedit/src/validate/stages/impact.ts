import ts from "typescript";
import type { FileChange } from "../../apply/types.ts";
import { plural } from "../../plural.ts";
import type { Project } from "../../repo/project.ts";
import type { Impact, Violation } from "../types.ts";

const PLUGIN_DIR = /^(packages\/plugins\/[^/]+)\//;
const ENTRY = /^(?:packages\/catalog\/src\/|functions\/)/;

/** Every file that imports one of `paths`, directly or not, the paths included. */
export function reach(paths: readonly string[], project: Project): string[] {
  const seen = new Set<string>();
  const queue = [...paths];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const importer of project.importers(path)) queue.push(importer.from);
  }
  return [...seen].sort();
}

/** A plugin's id and command names, read from the literals of its manifest. */
export function readManifest(text: string): { id?: string; commands: string[] } {
  const source = ts.createSourceFile("manifest.ts", text, ts.ScriptTarget.Latest, true);
  let id: string | undefined;
  const commands: string[] = [];
  const literal = (property: ts.ObjectLiteralElementLike, name: string) =>
    ts.isPropertyAssignment(property) &&
    ts.isIdentifier(property.name) &&
    property.name.text === name &&
    ts.isStringLiteralLike(property.initializer)
      ? property.initializer.text
      : undefined;
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node) && id === undefined)
      id = node.properties.map((property) => literal(property, "id")).find((value) => value !== undefined);
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === "commands" &&
      ts.isArrayLiteralExpression(node.initializer)
    )
      for (const element of node.initializer.elements)
        if (ts.isObjectLiteralExpression(element)) {
          const name = element.properties
            .map((property) => literal(property, "name"))
            .find((value) => value !== undefined);
          if (name) commands.push(name);
        }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return id === undefined ? { commands } : { id, commands };
}

/**
 * What a change reaches through the reverse import graph: files, plugins (with the commands
 * their manifests declare) and entry points (the catalog and Lambda handlers).
 *
 * @example
 * impactOf(changes, after).plugins; // [{ id: "greet", dir: "packages/plugins/greet", commands: ["hello", "wave"] }]
 */
export function impactOf(changes: readonly FileChange[], after: Project): Impact {
  const files = reach(
    changes.map((change) => change.path),
    after,
  );
  const dirs = [
    ...new Set(
      files.map((path) => PLUGIN_DIR.exec(path)?.[1]).filter((dir): dir is string => dir !== undefined),
    ),
  ];
  const plugins = dirs.map((dir) => {
    const manifest = readManifest(after.texts.get(`${dir}/src/manifest.ts`) ?? "");
    return { id: manifest.id ?? dir.split("/").pop() ?? dir, dir, commands: manifest.commands };
  });
  return { files, plugins, entryPoints: files.filter((path) => ENTRY.test(path)) };
}

/** The impact as informational violations, one per plugin and entry point. */
export function impactViolations(impact: Impact): Violation[] {
  const info = (rule: string, file: string, message: string): Violation => ({
    rule,
    file,
    line: 0,
    message,
    severity: "info",
  });
  return [
    ...impact.plugins.map((plugin) => {
      const commands =
        plugin.commands.length > 0 ? plugin.commands.map((name) => `/${name}`).join(", ") : "no commands";
      return info(
        "impact/plugin",
        `${plugin.dir}/src/manifest.ts`,
        `reaches plugin ${plugin.id} (${commands})`,
      );
    }),
    ...impact.entryPoints.map((path) => info("impact/entry-point", path, `reaches ${path}`)),
    info("impact/files", "", `reaches ${plural(impact.files.length, "file")} through imports`),
  ];
}
