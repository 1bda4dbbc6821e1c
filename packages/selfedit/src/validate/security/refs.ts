import ts from "typescript";
import type { Bindings } from "./bindings.ts";
import { type Folder, unwrap } from "./fold.ts";
import { FS_MODULES, GLOBAL_OBJECTS, moduleName } from "./names.ts";

/** What an expression evaluates to, symbolically: a global, a module, a member of one, or a computed member. */
export type Ref =
  | { kind: "global"; name: string }
  | { kind: "module"; name: string }
  | { kind: "member"; of: Ref; name: string }
  | { kind: "dynamic"; of: Ref };

const MAX_DEPTH = 20;
const SAME_FUNCTION = new Set(["call", "apply", "bind"]);

/** Simplifies a member: `globalThis.eval` is `eval`, `fs.promises` is `fs/promises`, `eval.call` is `eval`. */
export function member(of: Ref, name: string): Ref {
  if (of.kind === "global" && GLOBAL_OBJECTS.has(of.name)) return { kind: "global", name };
  if (of.kind === "module" && name === "default") return of;
  if (of.kind === "module" && of.name === "fs" && name === "promises")
    return { kind: "module", name: "fs/promises" };
  if (of.kind === "global" && (of.name === "eval" || of.name === "Function") && SAME_FUNCTION.has(name))
    return of;
  return { kind: "member", of, name };
}

/** Readable form of a reference, for messages: `process.binding`, `fs.writeFileSync`. */
export function describe(ref: Ref): string {
  if (ref.kind === "global") return ref.name;
  if (ref.kind === "module") return FS_MODULES.has(ref.name) ? ref.name.replace("/promises", "") : ref.name;
  if (ref.kind === "member") return `${describe(ref.of)}.${ref.name}`;
  return `${describe(ref.of)}[…]`;
}

/** Resolves expressions to references through the file's bindings, folding computed keys. */
export class Resolver {
  constructor(
    private readonly bindings: Bindings,
    readonly folder: Folder,
  ) {}

  /** Whether a name is declared in the file (and so is not the global of that name). */
  isLocal(name: string): boolean {
    return this.bindings.has(name);
  }

  refOf(node: ts.Expression, depth = 0): Ref | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const next = depth + 1;
    let expr = unwrap(node);
    if (ts.isAwaitExpression(expr)) expr = unwrap(expr.expression);
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.CommaToken)
      return this.refOf(expr.right, next);
    if (ts.isConditionalExpression(expr))
      return this.refOf(expr.whenTrue, next) ?? this.refOf(expr.whenFalse, next);
    if (ts.isIdentifier(expr)) return this.identifier(expr.text, next);
    if (ts.isPropertyAccessExpression(expr)) {
      const of = this.refOf(expr.expression, next);
      return of && member(of, expr.name.text);
    }
    if (ts.isElementAccessExpression(expr)) {
      const of = this.refOf(expr.expression, next);
      const key = this.folder.fold(expr.argumentExpression);
      return of && (key === undefined ? { kind: "dynamic", of } : member(of, key));
    }
    if (ts.isCallExpression(expr)) return this.call(expr, next);
    return undefined;
  }

  /** The module a `require(…)` or `import(…)` call loads, when its name can be folded. */
  loadedModule(call: ts.CallExpression): { loads: boolean; name?: string } {
    const callee = unwrap(call.expression);
    const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
    const ref = isImport ? undefined : this.refOf(callee);
    const isRequire = ref?.kind === "global" && ref.name === "require";
    const isModuleRequire = ref?.kind === "member" && ref.name === "require";
    if (!isImport && !isRequire && !isModuleRequire) return { loads: false };
    const arg = call.arguments[0];
    const name = arg && this.folder.fold(arg);
    return name === undefined ? { loads: true } : { loads: true, name: moduleName(name) };
  }

  private identifier(name: string, depth: number): Ref | undefined {
    const binding = this.bindings.get(name);
    if (!binding) return { kind: "global", name };
    if (binding.kind === "value") return this.refOf(binding.init, depth);
    if (binding.kind === "import")
      return binding.name === "*" || binding.name === "default"
        ? { kind: "module", name: moduleName(binding.module) }
        : member({ kind: "module", name: moduleName(binding.module) }, binding.name);
    if (binding.kind === "pattern") {
      const of = this.refOf(binding.init, depth);
      return of && member(of, binding.property);
    }
    return undefined;
  }

  private call(call: ts.CallExpression, depth: number): Ref | undefined {
    const loaded = this.loadedModule(call);
    if (loaded.loads) return loaded.name === undefined ? undefined : { kind: "module", name: loaded.name };
    const callee = unwrap(call.expression);
    // `eval.bind(null)` is still eval; `createRequire(url)` is a require.
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === "bind")
      return this.refOf(callee.expression, depth);
    const ref = this.refOf(callee, depth);
    if (
      ref?.kind === "member" &&
      ref.of.kind === "module" &&
      ref.of.name === "module" &&
      ref.name === "createRequire"
    )
      return { kind: "global", name: "require" };
    return undefined;
  }
}
