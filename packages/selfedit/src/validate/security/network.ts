import ts from "typescript";
import { unwrap } from "./fold.ts";
import { HTTP_CLIENTS } from "./names.ts";
import type { Ref, Resolver } from "./refs.ts";

/** What a request's URL tells: a host, nothing (a relative URL), or that it is computed. */
type Target = { host: string } | { relative: true } | { dynamic: true };

function fromText(text: string): Target {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#:]+)/i.exec(text);
  return match?.[2] ? { host: match[2].toLowerCase() } : { relative: true };
}

function propertyValue(object: ts.ObjectLiteralExpression, names: string[]): ts.Expression | undefined {
  for (const property of object.properties)
    if (
      ts.isPropertyAssignment(property) &&
      ts.isIdentifier(property.name) &&
      names.includes(property.name.text)
    )
      return property.initializer;
  return undefined;
}

/** Where a URL argument points: folded text, a template with a literal host, `new URL()`, or options. */
function targetOf(node: ts.Expression | undefined, resolver: Resolver): Target {
  if (!node) return { dynamic: true };
  const expr = unwrap(node);
  const text = resolver.folder.fold(expr);
  if (text !== undefined) return fromText(text);
  if (ts.isTemplateExpression(expr)) {
    const head = /^([a-z][a-z0-9+.-]*):\/\/([^/?#:$]+)[/:?#]/i.exec(expr.head.text);
    return head?.[2] ? { host: head[2].toLowerCase() } : { dynamic: true };
  }
  if (ts.isNewExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === "URL") {
    const [path, base] = expr.arguments ?? [];
    return base ? targetOf(base, resolver) : targetOf(path, resolver);
  }
  if (ts.isObjectLiteralExpression(expr)) {
    const url = propertyValue(expr, ["url", "baseURL", "prefixUrl"]);
    if (url) return targetOf(url, resolver);
    const host = propertyValue(expr, ["hostname", "host"]);
    const folded = host && resolver.folder.fold(host);
    return folded ? { host: folded.toLowerCase() } : { dynamic: true };
  }
  return { dynamic: true };
}

/** Whether a callee sends HTTP requests: `fetch`, `http.request`, axios, got, undici, WebSocket… */
function isClient(ref: Ref | undefined, isNew: boolean): boolean {
  if (!ref) return false;
  if (ref.kind === "global")
    return isNew ? ref.name === "WebSocket" || ref.name === "EventSource" : ref.name === "fetch";
  if (ref.kind === "module") return HTTP_CLIENTS[ref.name]?.has("default") ?? false;
  if (ref.kind === "member" && ref.of.kind === "module")
    return HTTP_CLIENTS[ref.of.name]?.has(ref.name) ?? false;
  return false;
}

export interface NetworkFinding {
  rule: "security/network-host" | "security/network-dynamic-url";
  why: string;
  severity: "error" | "warning";
}

const allowed = (host: string, hosts: readonly string[]) =>
  hosts.some((known) => host === known || host.endsWith(`.${known}`));

/**
 * Checks a call or `new` that sends a request: its literal host must be allowed, and a URL
 * that cannot be read from the code is a warning.
 */
export function checkRequest(
  node: ts.CallExpression | ts.NewExpression,
  resolver: Resolver,
  hosts: readonly string[],
): NetworkFinding | undefined {
  if (!isClient(resolver.refOf(node.expression), ts.isNewExpression(node))) return undefined;
  const target = targetOf(node.arguments?.[0], resolver);
  if ("relative" in target) return undefined;
  if ("dynamic" in target)
    return {
      rule: "security/network-dynamic-url",
      severity: "warning",
      why: "sends a request to a URL that is not written in the code, so its host cannot be checked",
    };
  if (allowed(target.host, hosts)) return undefined;
  return {
    rule: "security/network-host",
    severity: "error",
    why: `sends a request to ${target.host}, which is not an allowed host (${hosts.join(", ")})`,
  };
}
