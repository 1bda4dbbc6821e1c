import ts from "typescript";
import type { Bindings } from "./bindings.ts";

const MAX_DEPTH = 20;

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isTypeAssertionExpression(current)
  )
    current = current.expression;
  return current;
}

/**
 * Resolves expressions that always produce the same string: literals, `+`, template
 * literals, `const` names bound to such, `[...].join()`, `.concat()`, `.split().reverse()`,
 * `String.fromCharCode()`, `atob()` and `Buffer.from(…, "base64").toString()`.
 * Anything else is `undefined`.
 */
export class Folder {
  constructor(private readonly bindings: Bindings) {}

  fold(node: ts.Expression, depth = 0): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const next = depth + 1;
    const expr = unwrap(node);
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
    if (ts.isNumericLiteral(expr)) return String(Number(expr.text));
    if (ts.isTemplateExpression(expr)) {
      let text = expr.head.text;
      for (const span of expr.templateSpans) {
        const value = this.fold(span.expression, next);
        if (value === undefined) return undefined;
        text += value + span.literal.text;
      }
      return text;
    }
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = this.fold(expr.left, next);
      const right = left === undefined ? undefined : this.fold(expr.right, next);
      return right === undefined ? undefined : (left as string) + right;
    }
    if (ts.isIdentifier(expr)) {
      const binding = this.bindings.get(expr.text);
      return binding?.kind === "value" && binding.constant ? this.fold(binding.init, next) : undefined;
    }
    if (ts.isElementAccessExpression(expr)) {
      const list = this.foldList(expr.expression, next);
      const index = this.fold(expr.argumentExpression, next);
      return list && index !== undefined ? list[Number(index)] : undefined;
    }
    if (ts.isCallExpression(expr)) return this.foldCall(expr, next);
    return undefined;
  }

  /** Arrays of foldable strings: literals, `"…".split(sep)`, `.reverse()`, `const` names. */
  foldList(node: ts.Expression, depth: number): string[] | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const expr = unwrap(node);
    if (ts.isArrayLiteralExpression(expr)) {
      const items = expr.elements.map((element) => this.fold(element as ts.Expression, depth + 1));
      return items.every((item) => item !== undefined) ? (items as string[]) : undefined;
    }
    if (ts.isIdentifier(expr)) {
      const binding = this.bindings.get(expr.text);
      return binding?.kind === "value" && binding.constant
        ? this.foldList(binding.init, depth + 1)
        : undefined;
    }
    if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression)) {
      const method = expr.expression.name.text;
      const target = expr.expression.expression;
      if (method === "reverse")
        return this.foldList(target, depth + 1)
          ?.slice()
          .reverse();
      if (method === "split") {
        const text = this.fold(target, depth + 1);
        const separator = expr.arguments[0] ? this.fold(expr.arguments[0], depth + 1) : undefined;
        return text === undefined || separator === undefined ? undefined : text.split(separator);
      }
    }
    return undefined;
  }

  private foldCall(call: ts.CallExpression, depth: number): string | undefined {
    const args = call.arguments.map((arg) => this.fold(arg, depth));
    const allArgs = args.every((arg) => arg !== undefined) ? (args as string[]) : undefined;
    const callee = unwrap(call.expression);
    if (ts.isIdentifier(callee) && callee.text === "atob" && allArgs?.[0] !== undefined)
      return Buffer.from(allArgs[0], "base64").toString("latin1");
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    const target = callee.expression;
    if (ts.isIdentifier(target) && target.text === "String" && method === "fromCharCode" && allArgs)
      return String.fromCharCode(...allArgs.map(Number));
    if (method === "join") {
      const list = this.foldList(target, depth);
      const separator = call.arguments.length === 0 ? "," : allArgs?.[0];
      return list && separator !== undefined ? list.join(separator) : undefined;
    }
    if (method === "toString" && ts.isCallExpression(target)) return this.foldBuffer(target, depth);
    const text = this.fold(target, depth);
    if (text === undefined) return undefined;
    if (method === "concat" && allArgs) return text.concat(...allArgs);
    if (method === "toLowerCase" || method === "toUpperCase" || method === "trim") return text[method]();
    return undefined;
  }

  /** `Buffer.from("…", "base64" | "hex")`, read back with `.toString()`. */
  private foldBuffer(call: ts.CallExpression, depth: number): string | undefined {
    const callee = unwrap(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "from") return undefined;
    if (!ts.isIdentifier(callee.expression) || callee.expression.text !== "Buffer") return undefined;
    const [data, encoding] = call.arguments.map((arg) => this.fold(arg, depth));
    if (data === undefined) return undefined;
    return Buffer.from(data, (encoding ?? "utf8") as BufferEncoding).toString("utf8");
  }
}

export { unwrap };
