import ts from "typescript";
import type { Violation } from "../types.ts";
import { collectBindings } from "./bindings.ts";
import { type Danger, moduleDanger, refDanger } from "./dangers.ts";
import { Folder, unwrap } from "./fold.ts";
import { assignmentDanger, assignmentTarget, callDanger } from "./mutation.ts";
import { FS_MODULES, FS_WRITES, MODULE_LOADERS, moduleName, SUSPICIOUS_NAMES } from "./names.ts";
import { checkRequest } from "./network.ts";
import { isValueReference } from "./references.ts";
import { member, Resolver } from "./refs.ts";
import { isKnownSecret, looksRandom } from "./text-scan.ts";

export interface ScanOptions {
  envFiles: readonly string[];
  allowedHosts: readonly string[];
}

const snippet = (node: ts.Node) => node.getText().replace(/\s+/g, " ").slice(0, 80);

/**
 * Walks a file's syntax tree for code that runs strings, spawns programs, opens sockets,
 * writes files, reads the environment, calls unknown hosts or hides a name behind computed
 * keys, aliases and string building.
 */
export function scanAst(source: ts.SourceFile, path: string, options: ScanOptions): Violation[] {
  const bindings = collectBindings(source);
  const resolver = new Resolver(bindings, new Folder(bindings));
  const found: Violation[] = [];
  const report = (node: ts.Node, danger: Danger, severity: Violation["severity"] = "error") => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const message = danger.quote === false ? danger.why : `\`${snippet(node)}\` ${danger.why}`;
    found.push({ rule: danger.rule, file: path, line, severity, message });
  };
  const scanner = new Scanner(resolver, path, options, report);
  scanner.visit(source);
  return found;
}

class Scanner {
  constructor(
    private readonly resolver: Resolver,
    private readonly path: string,
    private readonly options: ScanOptions,
    private readonly report: (node: ts.Node, danger: Danger, severity?: Violation["severity"]) => void,
  ) {}

  visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) this.declaration(node);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const name = this.resolver.folder.fold(node.moduleReference.expression);
      const danger = name === undefined ? undefined : moduleDanger(moduleName(name));
      if (danger) this.report(node, danger);
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) this.call(node);
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (looksRandom(node.text) && !isKnownSecret(node.text))
        this.report(
          node,
          {
            rule: "security/secret",
            quote: false,
            why: `a string starting "${node.text.slice(0, 4)}…" looks like a random key or token; secrets come from configuration`,
          },
          "warning",
        );
    } else if (ts.isVariableDeclaration(node)) this.destructured(node);
    const target = assignmentTarget(node);
    const mutated = target && assignmentDanger(this.resolver, target);
    if (mutated) this.report(node, mutated);
    if (this.isAccess(node) && this.access(node)) return;
    ts.forEachChild(node, this.visit);
  };

  private isAccess(
    node: ts.Node,
  ): node is ts.Identifier | ts.PropertyAccessExpression | ts.ElementAccessExpression {
    if (ts.isIdentifier(node)) return !this.resolver.isLocal(node.text) && isValueReference(node);
    return ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node);
  }

  /** Reports a reference that reaches something forbidden; true when the chain under it needs no look. */
  private access(node: ts.Identifier | ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
    const danger = refDanger(this.resolver.refOf(node), this.path, this.options.envFiles);
    if (danger) {
      this.report(node, danger);
      if (ts.isElementAccessExpression(node)) this.visit(node.argumentExpression);
      return true;
    }
    if (ts.isElementAccessExpression(node)) {
      const key = unwrap(node.argumentExpression);
      const plain =
        ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key) || ts.isNumericLiteral(key);
      const name = this.resolver.folder.fold(key);
      if (!plain && name !== undefined && SUSPICIOUS_NAMES.has(name))
        this.report(node, {
          rule: "security/dynamic-access",
          why: `builds the name "${name}" at run time to reach it`,
        });
    }
    if (!ts.isIdentifier(node) && this.constructorChain(node))
      this.report(node, {
        rule: "security/function-constructor",
        why: "reaches the Function constructor through .constructor",
      });
    return false;
  }

  /** `x.constructor.constructor`, `Object.getPrototypeOf(fn).constructor`, `(() => 0).constructor`. */
  private constructorChain(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
    const name = ts.isPropertyAccessExpression(node)
      ? node.name.text
      : this.resolver.folder.fold(node.argumentExpression);
    if (name !== "constructor") return false;
    const of = unwrap(node.expression);
    if (ts.isFunctionExpression(of) || ts.isArrowFunction(of)) return true;
    if (ts.isCallExpression(of) && /getPrototypeOf$/.test(of.expression.getText())) return true;
    if (ts.isPropertyAccessExpression(of)) return of.name.text === "constructor";
    return (
      ts.isElementAccessExpression(of) && this.resolver.folder.fold(of.argumentExpression) === "constructor"
    );
  }

  /** `const { env } = process`, `const { execSync } = cp`: each property read is a reference. */
  private destructured(node: ts.VariableDeclaration) {
    if (!ts.isObjectBindingPattern(node.name) || !node.initializer) return;
    const of = this.resolver.refOf(node.initializer);
    if (!of) return;
    for (const element of node.name.elements) {
      const key = element.propertyName ?? element.name;
      if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) continue;
      const danger = refDanger(member(of, key.text), this.path, this.options.envFiles);
      if (danger) this.report(element, danger);
    }
  }

  private declaration(node: ts.ImportDeclaration | ts.ExportDeclaration) {
    if (!node.moduleSpecifier || !ts.isStringLiteral(node.moduleSpecifier)) return;
    const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly : node.isTypeOnly;
    if (typeOnly) return;
    const name = moduleName(node.moduleSpecifier.text);
    const danger = moduleDanger(name);
    if (danger) return this.report(node, danger);
    const named = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : undefined;
    if (!named || !ts.isNamedImports(named)) return;
    for (const element of named.elements) {
      const imported = (element.propertyName ?? element.name).text;
      if (FS_MODULES.has(name) && FS_WRITES.has(imported))
        this.report(element, {
          rule: "security/fs-write",
          why: `imported from ${name} writes to the filesystem`,
        });
      if (name === "module" && MODULE_LOADERS.has(imported))
        this.report(element, {
          rule: "security/module-loader",
          why: `imported from ${name} loads modules by name`,
        });
    }
  }

  private call(node: ts.CallExpression | ts.NewExpression) {
    if (ts.isCallExpression(node)) {
      const loaded = this.resolver.loadedModule(node);
      if (loaded.loads && loaded.name === undefined)
        this.report(node, {
          rule: "security/dynamic-import",
          why: "loads a module whose name is computed at run time",
        });
      const danger = loaded.name === undefined ? undefined : moduleDanger(loaded.name);
      if (danger) this.report(node, danger);
    }
    const callee = this.resolver.refOf(node.expression);
    if (callee?.kind === "global" && callee.name === "Function")
      this.report(node, {
        rule: "security/function-constructor",
        why: "builds a function from a string (Function constructor)",
      });
    const byValue = callDanger(this.resolver, node, this.path, this.options.envFiles);
    if (byValue) this.report(node, byValue);
    const request = checkRequest(node, this.resolver, this.options.allowedHosts);
    if (request) this.report(node, { rule: request.rule, why: request.why }, request.severity);
  }
}
