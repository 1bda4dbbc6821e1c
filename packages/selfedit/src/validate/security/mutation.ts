import ts from "typescript";
import type { Danger } from "./dangers.ts";
import { refDanger } from "./dangers.ts";
import { unwrap } from "./fold.ts";
import { member, type Ref, type Resolver } from "./refs.ts";

/** Shared objects every module sees: changing one changes it for all the bot's code. */
const BUILT_INS = new Set([
  "globalThis",
  "global",
  "window",
  "self",
  "Object",
  "Array",
  "String",
  "Number",
  "Boolean",
  "Symbol",
  "BigInt",
  "Function",
  "Promise",
  "JSON",
  "Math",
  "Reflect",
  "Proxy",
  "Date",
  "RegExp",
  "Error",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "ArrayBuffer",
  "Uint8Array",
  "Intl",
  "console",
  "process",
  "Buffer",
  "URL",
  "fetch",
  "crypto",
  "performance",
  "setTimeout",
  "setInterval",
  "queueMicrotask",
  "structuredClone",
]);

const MUTATING_OBJECT_CALLS = new Set(["defineProperty", "defineProperties", "assign", "setPrototypeOf"]);
const MUTATING_REFLECT_CALLS = new Set(["set", "defineProperty", "deleteProperty", "setPrototypeOf"]);
const READING_REFLECTION = new Set(["get", "getOwnPropertyDescriptor"]);
const STRING_TIMERS = new Set(["setTimeout", "setInterval"]);
const REMOTE_CODE = /^(data|blob|https?):/i;

/** The built-in a reference is rooted in, e.g. `Array` for `Array.prototype.map`. */
function rootGlobal(ref: Ref | undefined): string | undefined {
  let current = ref;
  while (current && (current.kind === "member" || current.kind === "dynamic")) current = current.of;
  return current?.kind === "global" ? current.name : undefined;
}

/** Whether an expression names a built-in or something inside one (`globalThis`, `Array.prototype`). */
function sharedObject(resolver: Resolver, node: ts.Expression): string | undefined {
  const expr = unwrap(node);
  // `globalThis.x` resolves to the global `x` itself; the object written to is the global one.
  if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
    const base = resolver.refOf(expr.expression);
    const root = rootGlobal(base);
    if (root && BUILT_INS.has(root)) return root;
  }
  const root = rootGlobal(resolver.refOf(expr));
  return root && BUILT_INS.has(root) ? root : undefined;
}

/** Whether an access chain passes through `__proto__` (prototype pollution). */
function throughProto(resolver: Resolver, node: ts.Expression): boolean {
  let expr = unwrap(node);
  while (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
    const name = ts.isPropertyAccessExpression(expr)
      ? expr.name.text
      : resolver.folder.fold(expr.argumentExpression);
    if (name === "__proto__") return true;
    expr = unwrap(expr.expression);
  }
  return false;
}

const mutation = (what: string): Danger => ({
  rule: "security/global-mutation",
  why: `changes ${what}, which every module shares`,
});

/** `Array.prototype.map = …`, `globalThis.fetch = …`, `delete Object.prototype.x`, `a.__proto__.b = …`. */
export function assignmentDanger(resolver: Resolver, target: ts.Expression): Danger | undefined {
  const expr = unwrap(target);
  if (!ts.isPropertyAccessExpression(expr) && !ts.isElementAccessExpression(expr)) return undefined;
  if (throughProto(resolver, expr)) return mutation("an object prototype through __proto__");
  const root = sharedObject(resolver, expr.expression);
  return root ? mutation(`the built-in ${root}`) : undefined;
}

/** Whether a node is the target of an assignment (`=`, `+=`, `??=`, …) or of `delete`. */
export function assignmentTarget(node: ts.Node): ts.Expression | undefined {
  if (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  )
    return node.left;
  if (ts.isDeleteExpression(node)) return node.expression;
  return undefined;
}

/**
 * Calls that reach code or shared state by value rather than by name: reflection
 * (`Reflect.get(globalThis, "eval")`, `Reflect.construct(Function, …)`), strings run as code
 * (`setTimeout("…")`, `import("data:…")`), and writes to built-ins (`Object.defineProperty(
 * Array.prototype, …)`, `Object.assign(globalThis, …)`).
 */
export function callDanger(
  resolver: Resolver,
  call: ts.CallExpression | ts.NewExpression,
  path: string,
  envFiles: readonly string[],
): Danger | undefined {
  const args = call.arguments ?? ts.factory.createNodeArray();
  const callee = resolver.refOf(call.expression);
  const [first, second] = args;
  if (ts.isCallExpression(call)) {
    const loaded = resolver.loadedModule(call);
    if (loaded.name !== undefined && REMOTE_CODE.test(loaded.name))
      return { rule: "security/string-to-code", why: "loads code from a string or a URL, not a module" };
  }
  if (callee?.kind === "global" && STRING_TIMERS.has(callee.name) && first) {
    const code = resolver.folder.fold(first);
    const unwrapped = unwrap(first);
    const stringy =
      code !== undefined || ts.isTemplateExpression(unwrapped) || ts.isStringLiteralLike(unwrapped);
    if (stringy)
      return { rule: "security/string-to-code", why: `passes ${callee.name} a string to run as code` };
  }
  if (callee?.kind !== "member" || callee.of.kind !== "global" || !first) return undefined;
  const owner = callee.of.name;
  if (owner === "Reflect" && READING_REFLECTION.has(callee.name) && second) {
    const of = resolver.refOf(first);
    const key = resolver.folder.fold(second);
    if (of) return refDanger(key === undefined ? { kind: "dynamic", of } : member(of, key), path, envFiles);
  }
  if (owner === "Object" && callee.name === "getOwnPropertyDescriptor" && second) {
    const of = resolver.refOf(first);
    const key = resolver.folder.fold(second);
    if (of && key !== undefined) return refDanger(member(of, key), path, envFiles);
  }
  if (owner === "Reflect" && (callee.name === "construct" || callee.name === "apply")) {
    const target = resolver.refOf(first);
    if (target?.kind === "global" && target.name === "Function")
      return {
        rule: "security/function-constructor",
        why: "builds a function from a string through Reflect",
      };
  }
  const mutates =
    (owner === "Object" && MUTATING_OBJECT_CALLS.has(callee.name)) ||
    (owner === "Reflect" && MUTATING_REFLECT_CALLS.has(callee.name));
  if (mutates) {
    if (throughProto(resolver, first)) return mutation("an object prototype through __proto__");
    const root = sharedObject(resolver, first);
    if (root) return mutation(`the built-in ${root}`);
  }
  return undefined;
}
