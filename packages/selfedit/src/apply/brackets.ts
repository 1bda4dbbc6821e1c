import ts from "typescript";

const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;
const PAIRS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** Where a file's brackets stop balancing, with a sentence saying how. */
export interface BracketProblem {
  line: number;
  message: string;
}

interface Open {
  char: string;
  line: number;
}

/** Tokens after which a `/` divides; after anything else it starts a regular expression. */
function endsExpression(kind: ts.SyntaxKind | undefined): boolean {
  if (kind === undefined) return false;
  return (
    kind === ts.SyntaxKind.Identifier ||
    kind === ts.SyntaxKind.PrivateIdentifier ||
    kind === ts.SyntaxKind.NumericLiteral ||
    kind === ts.SyntaxKind.BigIntLiteral ||
    kind === ts.SyntaxKind.StringLiteral ||
    kind === ts.SyntaxKind.RegularExpressionLiteral ||
    kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
    kind === ts.SyntaxKind.TemplateTail ||
    kind === ts.SyntaxKind.CloseParenToken ||
    kind === ts.SyntaxKind.CloseBracketToken ||
    kind === ts.SyntaxKind.CloseBraceToken ||
    kind === ts.SyntaxKind.PlusPlusToken ||
    kind === ts.SyntaxKind.MinusMinusToken ||
    kind === ts.SyntaxKind.ThisKeyword ||
    kind === ts.SyntaxKind.SuperKeyword ||
    kind === ts.SyntaxKind.TrueKeyword ||
    kind === ts.SyntaxKind.FalseKeyword ||
    kind === ts.SyntaxKind.NullKeyword
  );
}

/**
 * Checks that `()`, `[]` and `{}` balance in a script, skipping strings, template literals,
 * comments and regular expressions with the TypeScript scanner.
 */
function scriptBrackets(path: string, text: string): BracketProblem | undefined {
  const variant = /x$/.test(path) ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, variant, text);
  // Lines are counted forward as tokens advance; the scanner only moves ahead.
  let counted = 0;
  let current = 1;
  const line = (pos: number) => {
    for (; counted < pos; counted++) if (text.charCodeAt(counted) === 10) current++;
    return current;
  };
  const stack: Open[] = [];
  let previous: ts.SyntaxKind | undefined;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const at = line(scanner.getTokenStart());
    if (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) {
      if (!endsExpression(previous)) kind = scanner.reScanSlashToken();
    } else if (kind === ts.SyntaxKind.CloseBraceToken && stack.at(-1)?.char === "${") {
      kind = scanner.reScanTemplateToken(false);
      if (kind === ts.SyntaxKind.TemplateTail) stack.pop();
    } else if (kind === ts.SyntaxKind.TemplateHead) {
      stack.push({ char: "${", line: at });
    } else {
      const char = ts.tokenToString(kind);
      if (char === "(" || char === "[" || char === "{") stack.push({ char, line: at });
      else if (char && PAIRS[char]) {
        const open = stack.pop();
        if (!open) return { line: at, message: `\`${char}\` at line ${at} closes nothing` };
        if (open.char !== PAIRS[char])
          return {
            line: at,
            message: `\`${char}\` at line ${at} does not match \`${open.char}\` opened at line ${open.line}`,
          };
      }
    }
    previous = kind;
  }
  const open = stack.pop();
  return open && { line: open.line, message: `\`${open.char}\` opened at line ${open.line} is never closed` };
}

/** The same check for JSON: only strings are skipped. */
function jsonBrackets(text: string): BracketProblem | undefined {
  const stack: Open[] = [];
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === "\n") line++;
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") stack.push({ char, line });
    else if (char === "]" || char === "}") {
      const open = stack.pop();
      if (open?.char !== PAIRS[char]) return { line, message: `\`${char}\` at line ${line} is unbalanced` };
    }
  }
  const open = stack.pop();
  return open && { line: open.line, message: `\`${open.char}\` opened at line ${open.line} is never closed` };
}

/**
 * The first bracket that does not balance in a file, or `undefined` when all do (or the file
 * is neither a script nor JSON, where brackets carry no structure).
 *
 * @example
 * checkBrackets("a.ts", "const re = /[(]/; f(`${g(1)}`);\n"); // undefined
 * checkBrackets("a.ts", "function f() {\n"); // { line: 1, message: "`{` opened at line 1 is never closed" }
 */
export function checkBrackets(path: string, text: string): BracketProblem | undefined {
  if (SCRIPT.test(path)) return scriptBrackets(path, text);
  if (path.endsWith(".json")) return jsonBrackets(text);
  return undefined;
}
