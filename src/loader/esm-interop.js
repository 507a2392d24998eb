'use strict';
// An ES module entry (the data source of a "type": "module" app) imports the app's other
// TypeScript files, and those load as CommonJS through the require hook (one module graph).
// Node finds the named exports of a CommonJS module by reading its file, and raw TypeScript
// shows none, so `import { Naming } from './naming.ts'` would fail. Each such import becomes
// a default import (module.exports, no lexing needed) and a destructuring of it.
const fs = require('node:fs');
const path = require('node:path');
const { tsTwins } = require('./resolve');

const TS_FILE = /\.(c|m)?tsx?$/;

/** Whether a relative specifier of `from` names a TypeScript file (directly or by its .js twin). */
function namesTypeScript(specifier, from) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return false;
  const target = path.resolve(path.dirname(from), specifier);
  if (TS_FILE.test(target)) return true;
  if (fs.existsSync(target)) return false;
  return tsTwins(target).some((twin) => fs.existsSync(twin));
}

function esmInteropTransformer(ts, filename) {
  const f = ts.factory;
  return () => (sourceFile) => {
    let n = 0;
    const statements = [];
    let changed = false;
    for (const statement of sourceFile.statements) {
      const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
      const specifier = clause && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : null;
      if (!clause || clause.isTypeOnly || specifier === null || !namesTypeScript(specifier, filename)) {
        statements.push(statement);
        continue;
      }
      changed = true;
      const exportsName = f.createUniqueName(`__dbm_import${n++}`);
      statements.push(f.createImportDeclaration(undefined, f.createImportClause(false, exportsName, undefined), statement.moduleSpecifier));
      const declare = (name, init) =>
        statements.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, init)], ts.NodeFlags.Const)));
      // `export default` compiles to exports.default.
      if (clause.name) declare(clause.name, f.createPropertyAccessExpression(exportsName, 'default'));
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) declare(bindings.name, exportsName);
      if (bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0) {
        const elements = bindings.elements
          .filter((e) => !e.isTypeOnly)
          .map((e) => f.createBindingElement(undefined, e.propertyName ? e.propertyName : undefined, e.name));
        if (elements.length > 0) declare(f.createObjectBindingPattern(elements), exportsName);
      }
    }
    return changed ? f.updateSourceFile(sourceFile, statements) : sourceFile;
  };
}

module.exports = { esmInteropTransformer };
