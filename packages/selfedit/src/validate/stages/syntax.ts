import ts from "typescript";
import type { Violation } from "../types.ts";

/** Files the TypeScript parser reads: scripts of every flavour. */
export const SCRIPT_FILE = /\.(?:[cm]?[jt]sx?)$/;

/** Parses one file as TypeScript (JSX for .tsx/.jsx) and keeps the parse tree's parents. */
export function parseSource(path: string, text: string): ts.SourceFile {
  const kind = /\.[jt]sx$/.test(path)
    ? ts.ScriptKind.TSX
    : /\.[cm]?js$/.test(path)
      ? ts.ScriptKind.JS
      : ts.ScriptKind.TS;
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
}

/** The parser's own errors for a file, through a one-file program that resolves nothing. */
function parseErrors(source: ts.SourceFile): readonly ts.Diagnostic[] {
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === source.fileName ? source : undefined),
    getDefaultLibFileName: () => "lib.d.ts",
    writeFile: () => undefined,
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (name) => name === source.fileName,
    readFile: () => undefined,
  };
  const program = ts.createProgram({
    rootNames: [source.fileName],
    options: { noLib: true, noResolve: true, allowJs: true, noEmit: true },
    host,
  });
  return program.getSyntacticDiagnostics(source);
}

/**
 * Syntax errors in one file as violations (rule `syntax/TS<code>`).
 *
 * @example
 * syntaxViolations("a.ts", "const = 1;"); // [{ rule: "syntax/TS1134", line: 1, ... }]
 */
export function syntaxViolations(path: string, text: string): Violation[] {
  if (!SCRIPT_FILE.test(path)) return [];
  const source = parseSource(path, text);
  return parseErrors(source).map((diagnostic) => ({
    rule: `syntax/TS${diagnostic.code}`,
    file: path,
    line:
      diagnostic.start === undefined ? 0 : source.getLineAndCharacterOfPosition(diagnostic.start).line + 1,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, " "),
    severity: "error",
  }));
}
