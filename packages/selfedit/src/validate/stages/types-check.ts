import ts from "typescript";
import type { FileChange } from "../../apply/types.ts";
import type { Project } from "../../repo/project.ts";
import type { Violation } from "../types.ts";
import { introduced } from "../violations.ts";
import { createOverlayHost, type SourceCache } from "./overlay-host.ts";

const TYPED = /\.(?:[cm]?tsx?)$/;

/** Compiler options from the tsconfig in the tree (include lists are not used: the roots are chosen here). */
function compilerOptions(root: string, project: Project, tsconfig: string): ts.CompilerOptions {
  const text = project.texts.get(tsconfig);
  if (text === undefined)
    return {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    };
  const { config } = ts.parseConfigFileTextToJson(tsconfig, text);
  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: true,
    readDirectory: () => [],
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
  };
  const parsed = ts.parseJsonConfigFileContent(config ?? {}, host, root);
  return { ...parsed.options, noEmit: true };
}

/**
 * The files whose diagnostics a change can alter: the changed TypeScript files and their
 * importers, following re-exports (`export … from`) further up.
 */
export function filesToCheck(changes: readonly FileChange[], after: Project): string[] {
  const changed = changes.map((change) => change.path).filter((path) => TYPED.test(path));
  const seen = new Set(changed);
  const queue = [...changed];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    for (const importer of after.importers(path)) {
      if (!TYPED.test(importer.from) || seen.has(importer.from)) continue;
      seen.add(importer.from);
      if (importer.reexport) queue.push(importer.from);
    }
  }
  return [...seen].sort();
}

function diagnose(
  root: string,
  project: Project,
  files: string[],
  options: ts.CompilerOptions,
  cache: SourceCache,
): Violation[] {
  const rootNames = files.filter((path) => project.texts.has(path)).map((path) => `${root}/${path}`);
  if (rootNames.length === 0) return [];
  const host = createOverlayHost(root, project, options, cache);
  const program = ts.createProgram({ rootNames, options, host });
  return rootNames.flatMap((name) => {
    const source = program.getSourceFile(name);
    if (!source) return [];
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    return diagnostics.map((diagnostic) => ({
      rule: `types/TS${diagnostic.code}`,
      file: name.slice(root.length + 1),
      line:
        diagnostic.start === undefined ? 0 : source.getLineAndCharacterOfPosition(diagnostic.start).line + 1,
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, " "),
      severity: "error" as const,
    }));
  });
}

/**
 * Type-checks the affected files twice, at base and with the change, through an in-memory
 * overlay (nothing written), and returns the diagnostics the change introduced, matched by
 * file, code and message text.
 */
export function typeViolations(
  root: string,
  changes: readonly FileChange[],
  base: Project,
  after: Project,
  tsconfig: string,
  cache: SourceCache,
): Violation[] {
  const files = filesToCheck(changes, after);
  const options = compilerOptions(root, after, tsconfig);
  const before = diagnose(root, base, files, options, cache);
  return introduced(diagnose(root, after, files, options, cache), before);
}
