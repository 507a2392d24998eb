'use strict';
// A require hook that runs TypeScript sources with their decorator metadata intact.
//
// Why not tsx/esbuild: they drop `emitDecoratorMetadata`, and TypeORM then fails with
// ColumnTypeUndefinedError on columns without an explicit type. Why not ts-node: it
// takes seconds per hundred entities. Why not SWC or Oxc, ten times faster per file
// (tried 2026-11-30, @swc/core 1.16.22, oxc-transform 0.151.0): their design types are not
// tsc's (`string | null` is Object to both where a non-strict tsc says String), SWC's
// CommonJS reads an import through a getter on a `let`, so two entities that import each
// other (User ↔ Post, the common case) throw "Cannot access 'User' before initialization"
// where tsc's output gives Object, and Oxc writes no CommonJS at all.
//
// So: TypeScript itself, memoised on disk (compile.js), with the app's own tsconfig
// (app-config.js), its path aliases and `.js`-suffixed imports (resolve.js), and ES module
// apps loaded through the same compile (esm-hooks.mjs). A warm run loads cached JavaScript
// and never loads the compiler, which puts it at the precompiled-JS figure.
//
// The loader is JavaScript: it must load before any TypeScript can.
const fs = require('node:fs');
const Module = require('node:module');
const { compile } = require('./compile');
const resolve = require('./resolve');

function loadTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  module._compile(compile(source, filename), filename);
}

if (!Module._extensions['.ts'] || !Module._extensions['.ts'].dbManage) {
  loadTypeScript.dbManage = true;
  for (const ext of ['.ts', '.cts', '.mts', '.tsx']) Module._extensions[ext] = loadTypeScript;
  resolve.install();
}

let esmRegistered = false;

/**
 * Lets `import()` load TypeScript too: an ES module app's data source, and entity globs that
 * TypeORM imports rather than requires in a `"type": "module"` package. Registered once, on
 * first need, so CommonJS projects never start the hooks thread.
 */
function registerEsm() {
  if (esmRegistered) return;
  esmRegistered = true;
  Module.register(require('node:url').pathToFileURL(require('node:path').join(__dirname, 'esm-hooks.mjs')).href);
}

module.exports = { compile, registerEsm };
