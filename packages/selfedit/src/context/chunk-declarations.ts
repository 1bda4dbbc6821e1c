import ts from "typescript";

/** One top-level declaration of a file (or a whole small file), with its exact text. */
export interface CodeChunk {
  path: string;
  /** The declared name(s), e.g. `greeting`, `a, b` for `const a = 1, b = 2`, or the file name. */
  name: string;
  kind: "imports" | "function" | "class" | "interface" | "type" | "enum" | "variable" | "statement" | "file";
  exported: boolean;
  /** 1-based, inclusive; leading comments belong to the declaration. */
  startLine: number;
  endLine: number;
  /** Exactly as in the file, whole lines, so SEARCH text can be copied from it. */
  text: string;
}

const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;
const SMALL_FILE_CHARS = 4_000;

function declared(statement: ts.Statement): { name: string; kind: CodeChunk["kind"] } {
  const named = (node: { name?: ts.Node | undefined }) => (node.name ? node.name.getText() : "default");
  if (ts.isFunctionDeclaration(statement)) return { name: named(statement), kind: "function" };
  if (ts.isClassDeclaration(statement)) return { name: named(statement), kind: "class" };
  if (ts.isInterfaceDeclaration(statement)) return { name: named(statement), kind: "interface" };
  if (ts.isTypeAliasDeclaration(statement)) return { name: named(statement), kind: "type" };
  if (ts.isEnumDeclaration(statement)) return { name: named(statement), kind: "enum" };
  if (ts.isVariableStatement(statement)) {
    const names = statement.declarationList.declarations.map((declaration) => declaration.name.getText());
    return { name: names.join(", "), kind: "variable" };
  }
  if (ts.isImportDeclaration(statement)) return { name: "imports", kind: "imports" };
  return { name: statement.getText().split("\n")[0]?.slice(0, 60) ?? "", kind: "statement" };
}

function isExported(statement: ts.Statement): boolean {
  if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) return true;
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
  return modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}

/** Line starts of `text`, for turning offsets into whole-line slices. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Splits a file into its top-level declarations with the TypeScript parser: functions,
 * classes, interfaces, types, enums and variable statements, each with its leading comments,
 * as whole lines of the file; consecutive imports make one `imports` chunk. A file that is not a script comes back
 * as one `file` chunk when small, and not at all when large.
 *
 * @example
 * chunkDeclarations("src/a.ts", "/** Adds. *\/\nexport function add(a: number, b: number) {\n  return a + b;\n}\n");
 * // [{ name: "add", kind: "function", exported: true, startLine: 1, endLine: 4, ... }]
 */
export function chunkDeclarations(path: string, text: string): CodeChunk[] {
  const lines = text.split("\n");
  if (!SCRIPT.test(path)) {
    if (text.length > SMALL_FILE_CHARS) return [];
    const name = path.slice(path.lastIndexOf("/") + 1);
    return [{ path, name, kind: "file", exported: false, startLine: 1, endLine: lines.length, text }];
  }
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const starts = lineStarts(text);
  const chunks: CodeChunk[] = [];
  for (const statement of source.statements) {
    const what = declared(statement);
    const first = lineOf(starts, statement.getFullStart() + leadingBlank(text, statement.getFullStart()));
    const last = lineOf(starts, Math.max(statement.getEnd() - 1, 0));
    const previous = chunks.at(-1);
    if (what.kind === "imports" && previous?.kind === "imports") {
      previous.endLine = last + 1;
      previous.text = `${lines.slice(previous.startLine - 1, last + 1).join("\n")}\n`;
      continue;
    }
    const chunkText = lines.slice(first, last + 1).join("\n");
    chunks.push({
      path,
      ...what,
      exported: isExported(statement),
      startLine: first + 1,
      endLine: last + 1,
      text: `${chunkText}\n`,
    });
  }
  return chunks;
}

/** Characters of blank lines at `offset`, so a chunk starts at its first comment or code line. */
function leadingBlank(text: string, offset: number): number {
  const match = /^\s*/.exec(text.slice(offset, offset + 10_000));
  const blank = match?.[0] ?? "";
  const lastNewline = blank.lastIndexOf("\n");
  return lastNewline + 1;
}
