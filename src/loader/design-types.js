'use strict';
// Which files need type information for their decorator metadata. A per-file transpile
// cannot see what an imported name is: `kind: Kind` with `type Kind = 'a' | 'b'` from another
// file, or an enum from another file, becomes `design:type Object` where tsc emits String or
// Number, and TypeORM then refuses the column. Only such files pay for a type-aware compile.

/** Imported local names → the module specifier they come from. */
function importedNames(ts, sourceFile) {
  const names = new Map();
  for (const stmt of sourceFile.statements) {
    if (!ts.isImportDeclaration(stmt) || !stmt.importClause) continue;
    const spec = stmt.moduleSpecifier.text;
    const clause = stmt.importClause;
    if (clause.name) names.set(clause.name.text, spec);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.set(bindings.name.text, spec);
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) names.set(el.name.text, spec);
  }
  return names;
}

function typeRoot(ts, typeNode) {
  if (!typeNode) return null;
  if (ts.isTypeReferenceNode(typeNode)) {
    let name = typeNode.typeName;
    while (ts.isQualifiedName(name)) name = name.left;
    return name.text;
  }
  if (ts.isArrayTypeNode(typeNode) || ts.isParenthesizedTypeNode(typeNode)) return null;
  if (ts.isUnionTypeNode(typeNode)) {
    // `Kind | null` is still Kind to tsc's metadata.
    for (const t of typeNode.types) {
      const root = typeRoot(ts, t);
      if (root) return root;
    }
  }
  return null;
}

/**
 * The files whose declarations decide this file's decorator metadata, when a per-file
 * transpile would get it wrong; an empty list when it would not. A decorated member typed by
 * an imported name needs them unless that name is plainly a class in the file it comes from
 * (a class is a value, which the per-file transpile already references correctly).
 * `resolve(specifier)` returns the imported file, or null for a package.
 */
function typeSources(ts, source, filename, resolve, readFile) {
  if (!source.includes('@')) return [];
  const sourceFile = ts.createSourceFile(filename, source, ts.ScriptTarget.Latest, false);
  const imported = importedNames(ts, sourceFile);
  if (imported.size === 0) return [];
  const roots = new Set();
  const visit = (node) => {
    if ((ts.isPropertyDeclaration(node) || ts.isParameter(node) || ts.isGetAccessor(node)) && ts.canHaveDecorators(node)) {
      const decorators = ts.getDecorators(node);
      const root = decorators && decorators.length > 0 ? typeRoot(ts, node.type) : null;
      if (root && imported.has(root)) roots.add(root);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const files = new Set();
  for (const name of roots) {
    const file = resolve(imported.get(name));
    if (!file) continue;
    const text = readFile(file);
    if (text !== null && new RegExp(`\\bclass\\s+${name}\\b`).test(text) && !new RegExp(`\\b(type|enum|interface)\\s+${name}\\b`).test(text)) continue;
    files.add(file);
  }
  return [...files];
}

module.exports = { typeSources };
