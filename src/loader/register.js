'use strict';
// A require hook that runs TypeScript sources with their decorator metadata intact.
//
// Why not tsx/esbuild: they drop `emitDecoratorMetadata`, and TypeORM then fails with
// ColumnTypeUndefinedError on columns without an explicit type. Why not ts-node: it
// takes seconds per hundred entities. Why not SWC: its platform binaries are not
// reliably installable from every registry mirror, and we must install with `npm ci`.
//
// So: TypeScript's own `transpileModule` (isolated, no type-check, keeps metadata),
// memoised on disk by a hash of the source. A warm run loads plain cached JS and
// never loads the compiler, which puts it at the precompiled-JS figure.
//
// This is the only JavaScript source file: it must load before any TypeScript can.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const os = require('node:os');
const Module = require('node:module');

const COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'commonjs',
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
  inlineSourceMap: true,
  inlineSources: false,
};

const root = path.resolve(__dirname, '..', '..');
let cacheDir = null;
let typescript = null;
let optionsKey = null;

function compilerVersion() {
  // Reading package.json is far cheaper than loading the compiler.
  return require('typescript/package.json').version;
}

function resolveCacheDir() {
  if (cacheDir !== null) return cacheDir;
  const candidates = [
    process.env.DB_MANAGE_CACHE_DIR,
    path.join(root, 'node_modules', '.cache', 'db-manage-ts'),
    path.join(os.tmpdir(), `db-manage-ts-${process.getuid ? process.getuid() : 'u'}`),
  ].filter(Boolean);
  for (const dir of candidates) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
      cacheDir = dir;
      return dir;
    } catch {
      // try the next candidate
    }
  }
  cacheDir = '';
  return cacheDir;
}

function compile(source, filename) {
  if (optionsKey === null) optionsKey = compilerVersion() + JSON.stringify(COMPILER_OPTIONS);
  const hash = crypto.createHash('sha1').update(optionsKey).update(filename).update('\0').update(source).digest('hex');
  const dir = resolveCacheDir();
  const cached = dir && path.join(dir, `${hash}.js`);
  if (cached) {
    try {
      return fs.readFileSync(cached, 'utf8');
    } catch {
      // cache miss
    }
  }
  if (typescript === null) typescript = require('typescript');
  const ts = typescript;
  const out = ts.transpileModule(source, {
    fileName: filename,
    reportDiagnostics: true,
    compilerOptions: {
      ...COMPILER_OPTIONS,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
    },
  });
  const syntaxErrors = (out.diagnostics || []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntaxErrors.length > 0) {
    const d = syntaxErrors[0];
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
    const where = pos ? `${filename}:${pos.line + 1}:${pos.character + 1}` : filename;
    const err = new SyntaxError(`${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    err.code = 'TS_SYNTAX_ERROR';
    err.file = filename;
    throw err;
  }
  if (cached) {
    // Write-then-rename keeps concurrent processes from reading half a file.
    const tmp = `${cached}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, out.outputText);
      fs.renameSync(tmp, cached);
    } catch {
      try { fs.unlinkSync(tmp); } catch { /* already gone */ }
    }
  }
  return out.outputText;
}

function loadTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  module._compile(compile(source, filename), filename);
}

if (!Module._extensions['.ts'] || !Module._extensions['.ts'].dbManage) {
  loadTypeScript.dbManage = true;
  for (const ext of ['.ts', '.cts']) Module._extensions[ext] = loadTypeScript;
}

module.exports = { compile };
