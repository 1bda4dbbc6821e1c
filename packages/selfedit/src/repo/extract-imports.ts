import ts from "typescript";

/** One module a file imports or re-exports. */
export interface ImportRef {
  specifier: string;
  /** 1-based line of the import. */
  line: number;
  /** `export … from`: what the target exports passes through this file. */
  reexport: boolean;
  /** `import type` / `export type`: gone at run time. */
  typeOnly: boolean;
}

function fromStatement(statement: ts.Statement): Omit<ImportRef, "line"> | undefined {
  if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier))
    return {
      specifier: statement.moduleSpecifier.text,
      reexport: false,
      typeOnly: statement.importClause?.isTypeOnly ?? false,
    };
  if (
    ts.isExportDeclaration(statement) &&
    statement.moduleSpecifier &&
    ts.isStringLiteral(statement.moduleSpecifier)
  )
    return { specifier: statement.moduleSpecifier.text, reexport: true, typeOnly: statement.isTypeOnly };
  if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
    const expression = statement.moduleReference.expression;
    if (ts.isStringLiteral(expression))
      return { specifier: expression.text, reexport: false, typeOnly: statement.isTypeOnly };
  }
  return undefined;
}

/** `import("x")` and `require("x")` calls with a literal name, anywhere in the file. */
function dynamicImports(source: ts.SourceFile, found: ImportRef[]) {
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const [arg] = node.arguments;
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
      if ((isImport || isRequire) && arg && ts.isStringLiteralLike(arg)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ specifier: arg.text, line, reexport: false, typeOnly: false });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

/**
 * The modules a script imports, re-exports, or loads with a literal `import()`/`require()`.
 *
 * @example
 * extractImports("a.ts", 'import { b } from "./b.ts";\nexport * from "./c.ts";');
 * // [{ specifier: "./b.ts", line: 1, reexport: false, typeOnly: false }, { specifier: "./c.ts", line: 2, reexport: true, ... }]
 */
export function extractImports(path: string, text: string): ImportRef[] {
  const kind = /\.[jt]sx$/.test(path) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind);
  const found: ImportRef[] = [];
  for (const statement of source.statements) {
    const ref = fromStatement(statement);
    if (ref)
      found.push({ ...ref, line: source.getLineAndCharacterOfPosition(statement.getStart(source)).line + 1 });
  }
  if (text.includes("import(") || text.includes("require(")) dynamicImports(source, found);
  return found;
}
