import { parseSource, SCRIPT_FILE } from "../stages/syntax.ts";
import type { Violation } from "../types.ts";
import { type ScanOptions, scanAst } from "./scan-ast.ts";
import { secretViolations, unicodeViolations } from "./text-scan.ts";

export type { ScanOptions } from "./scan-ast.ts";

/**
 * Security findings for one file: the syntax-tree scan for scripts, and for every file the
 * secret patterns and invisible or bidirectional characters.
 *
 * @example
 * securityViolations("packages/plugins/x/src/a.ts", 'globalThis["ev" + "al"]("1")', {
 *   envFiles: ["**\/config.ts"],
 *   allowedHosts: ["discord.com"],
 * }); // [{ rule: "security/eval", ... }]
 */
export function securityViolations(path: string, text: string, options: ScanOptions): Violation[] {
  const found = [...secretViolations(path, text), ...unicodeViolations(path, text)];
  if (SCRIPT_FILE.test(path)) found.push(...scanAst(parseSource(path, text), path, options));
  const seen = new Set<string>();
  return found.filter((violation) => {
    const key = `${violation.rule}:${violation.line}:${violation.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
