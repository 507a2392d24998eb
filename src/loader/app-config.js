'use strict';
// The compiler options and path aliases of the application a file belongs to, read from its
// nearest tsconfig.json (with `extends`) by get-tsconfig, so a file compiles here as the
// app's own `tsc` would compile it. Files outside any tsconfig get the toolkit's defaults.
const path = require('node:path');
const { getTsconfig, createPathsMatcher } = require('get-tsconfig');

/** What the toolkit's own sources, and apps without a tsconfig, compile with. */
const DEFAULT_OPTIONS = {
  target: 'ES2022',
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
};

// The options that change emitted JavaScript. strictNullChecks (and strict, which implies it)
// is one: tsc serialises `string | null` as Object under it and as String without it, and
// TypeORM reads column types from that. Everything else (lib, paths, the other strict flags)
// does not change a per-file transpile; `module` is ours to decide (CommonJS, or ESM for an entry).
const EMIT_OPTIONS = ['target', 'esModuleInterop', 'experimentalDecorators', 'emitDecoratorMetadata', 'useDefineForClassFields', 'strict', 'strictNullChecks', 'jsx', 'jsxFactory', 'jsxFragmentFactory', 'preserveConstEnums'];

const byDir = new Map();
const tsconfigCache = new Map();

function inNodeModules(file) {
  return file.split(path.sep).includes('node_modules');
}

/**
 * { key, emit, raw, tsconfig, matchPaths } for the file's folder. `emit` holds JSON-form
 * compiler options; `key` identifies them in the cache; `matchPaths(specifier)` lists the
 * candidates of a tsconfig path alias.
 */
function appConfig(file) {
  const dir = path.dirname(file);
  let found = byDir.get(dir);
  if (found) return found;
  const tsconfig = inNodeModules(file) ? null : getTsconfig(dir, 'tsconfig.json', tsconfigCache);
  const compilerOptions = (tsconfig && tsconfig.config.compilerOptions) || {};
  const emit = { ...DEFAULT_OPTIONS };
  if (tsconfig) {
    for (const name of EMIT_OPTIONS) if (compilerOptions[name] !== undefined) emit[name] = compilerOptions[name];
    // TypeORM's decorators are the legacy kind; an app using TypeORM compiles with them.
    emit.experimentalDecorators = true;
    emit.emitDecoratorMetadata = true;
    if (compilerOptions.useDefineForClassFields === undefined) emit.useDefineForClassFields = defineByDefault(emit.target);
  }
  found = {
    key: JSON.stringify(emit),
    emit,
    raw: compilerOptions,
    tsconfig: tsconfig ? tsconfig.path : null,
    matchPaths: tsconfig ? createPathsMatcher(tsconfig) : null,
  };
  byDir.set(dir, found);
  return found;
}

/** tsc's own default: define semantics from ES2022 and ESNext on. */
function defineByDefault(target) {
  const t = String(target || 'ES5').toUpperCase();
  return t === 'ESNEXT' || (/^ES(\d{4})$/.test(t) && Number(t.slice(2)) >= 2022);
}

module.exports = { appConfig };
