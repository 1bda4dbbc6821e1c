import ts from "typescript";
import type { ValidationConfig } from "../config.ts";
import type { Violation } from "../types.ts";
import { parseSource, SCRIPT_FILE } from "./syntax.ts";

type FunctionLike = ts.SignatureDeclaration & { body?: ts.Node };

const isFunction = (node: ts.Node): node is FunctionLike =>
  ts.isFunctionLike(node) && (node as FunctionLike).body !== undefined;

const DECISION = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.IfStatement,
  ts.SyntaxKind.ConditionalExpression,
  ts.SyntaxKind.CaseClause,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.CatchClause,
]);
const LOGICAL = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);
const NESTS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.IfStatement,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.SwitchStatement,
  ts.SyntaxKind.TryStatement,
]);

/** A function's name as a reader would say it: its own, its variable's, or its property's. */
function nameOf(node: FunctionLike): string {
  if (node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) return node.name.text;
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name))
    return parent.name.text;
  return "(anonymous)";
}

/** Cyclomatic complexity and deepest control-flow nesting of one function, not counting nested functions. */
export function measureFunction(fn: FunctionLike): { complexity: number; nesting: number } {
  let complexity = 1;
  let nesting = 0;
  const walk = (node: ts.Node, depth: number) => {
    if (node !== fn && isFunction(node)) return;
    if (DECISION.has(node.kind)) complexity++;
    if (ts.isBinaryExpression(node) && LOGICAL.has(node.operatorToken.kind)) complexity++;
    // `else if` continues a chain; it does not nest deeper.
    const elseIf =
      ts.isIfStatement(node) && ts.isIfStatement(node.parent) && node.parent.elseStatement === node;
    const inner = NESTS.has(node.kind) && !elseIf ? depth + 1 : depth;
    nesting = Math.max(nesting, inner);
    ts.forEachChild(node, (child) => walk(child, inner));
  };
  if (fn.body) walk(fn.body, 0);
  return { complexity, nesting };
}

/**
 * Complexity, nesting and length findings for one file, against the configured thresholds:
 * above `warn` a warning, above `fail` an error.
 *
 * @example
 * qualityViolations("src/a.ts", text, resolveConfig().quality);
 */
export function qualityViolations(
  path: string,
  text: string,
  limits: ValidationConfig["quality"],
): Violation[] {
  if (!SCRIPT_FILE.test(path)) return [];
  const found: Violation[] = [];
  const check = (
    rule: string,
    value: number,
    threshold: { warn: number; fail: number },
    line: number,
    message: string,
  ) => {
    if (value <= threshold.warn) return;
    const severity = value > threshold.fail ? "error" : "warning";
    found.push({
      rule,
      file: path,
      line,
      severity,
      message: `${message} (warn above ${threshold.warn}, fail above ${threshold.fail})`,
    });
  };
  const source = parseSource(path, text);
  const visit = (node: ts.Node) => {
    if (isFunction(node)) {
      const { complexity, nesting } = measureFunction(node);
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const name = nameOf(node);
      check(
        "quality/complexity",
        complexity,
        limits.complexity,
        line,
        `function \`${name}\` has cyclomatic complexity ${complexity}`,
      );
      check(
        "quality/nesting",
        nesting,
        limits.nesting,
        line,
        `function \`${name}\` nests control flow ${nesting} deep`,
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  const over = lines > limits.fileLines.fail ? limits.fileLines.fail : limits.fileLines.warn;
  if (lines > limits.fileLines.warn)
    found.push({
      rule: "quality/file-size",
      file: path,
      line: 0,
      severity: lines > limits.fileLines.fail ? "error" : "warning",
      message: `file is longer than ${over} lines; split it by concern`,
    });
  return found;
}
