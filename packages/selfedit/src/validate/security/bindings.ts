import ts from "typescript";

/** What a name in a file stands for, as far as can be seen without running it. */
export type Binding =
  | { kind: "value"; init: ts.Expression; constant: boolean }
  | { kind: "pattern"; init: ts.Expression; property: string }
  | { kind: "import"; module: string; name: string }
  | { kind: "local" };

/** Names declared anywhere in a file (scopes are not told apart: a name keeps its first meaning). */
export type Bindings = Map<string, Binding>;

function bindName(bindings: Bindings, name: ts.Node, binding: Binding) {
  if (!ts.isIdentifier(name)) return;
  const known = bindings.get(name.text);
  if (!known || (known.kind === "local" && binding.kind !== "local")) bindings.set(name.text, binding);
}

function bindVariable(bindings: Bindings, declaration: ts.VariableDeclaration) {
  const constant = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
  const init = declaration.initializer;
  if (ts.isIdentifier(declaration.name)) {
    bindName(bindings, declaration.name, init ? { kind: "value", init, constant } : { kind: "local" });
    return;
  }
  for (const element of declaration.name.elements) {
    if (!ts.isBindingElement(element)) continue;
    const property = element.propertyName ?? element.name;
    const key = ts.isIdentifier(property) || ts.isStringLiteral(property) ? property.text : undefined;
    const usable = init && key !== undefined && ts.isObjectBindingPattern(declaration.name);
    bindName(bindings, element.name, usable ? { kind: "pattern", init, property: key } : { kind: "local" });
  }
}

function bindImport(bindings: Bindings, node: ts.ImportDeclaration) {
  if (!ts.isStringLiteral(node.moduleSpecifier) || !node.importClause) return;
  const module = node.moduleSpecifier.text;
  const clause = node.importClause;
  if (clause.name) bindName(bindings, clause.name, { kind: "import", module, name: "default" });
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named))
    bindName(bindings, named.name, { kind: "import", module, name: "*" });
  if (named && ts.isNamedImports(named))
    for (const element of named.elements)
      bindName(bindings, element.name, {
        kind: "import",
        module,
        name: (element.propertyName ?? element.name).text,
      });
}

/**
 * Collects every name a file declares: variables (with their initialisers), destructured
 * properties, imports, and parameters, functions and classes (whose value is unknown).
 */
export function collectBindings(source: ts.SourceFile): Bindings {
  const bindings: Bindings = new Map();
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node)) bindVariable(bindings, node);
    else if (ts.isImportDeclaration(node)) bindImport(bindings, node);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression))
        bindName(bindings, node.name, { kind: "import", module: expression.text, name: "*" });
    } else if (
      (ts.isParameter(node) && ts.isIdentifier(node.name)) ||
      ts.isFunctionDeclaration(node) ||
      ts.isClassDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isClassExpression(node)
    ) {
      if (node.name) bindName(bindings, node.name, { kind: "local" });
    } else if (ts.isParameter(node) && !ts.isIdentifier(node.name)) {
      for (const element of node.name.elements)
        if (ts.isBindingElement(element)) bindName(bindings, element.name, { kind: "local" });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return bindings;
}
