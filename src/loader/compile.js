'use strict';
// TypeScript to JavaScript for the require hook, memoised on disk.
//
// A file compiles alone with `transpileModule` (no type check, decorator metadata kept), with
// the compiler options of the app's own tsconfig. A file whose decorator metadata depends on
// types declared elsewhere (see design-types.js) compiles with a Program, as tsc would; its
// cache entry then also depends on those files' contents, recorded in a small manifest.
// A warm run reads cached JavaScript and never loads the compiler.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const os = require('node:os');
const { appConfig } = require('./app-config');
const { importMetaTransformer } = require('./import-meta');
const { esmInteropTransformer } = require('./esm-interop');
const { typeSources } = require('./design-types');
const { tsTwins } = require('./resolve');

const FORMAT_VERSION = '3';
const root = path.resolve(__dirname, '..', '..');
let cacheDir = null;
let typescript = null;
let compilerVersion = null;

function ts() {
  if (typescript === null) typescript = require('typescript');
  return typescript;
}

function resolveCacheDir() {
  if (cacheDir !== null) return cacheDir;
  // The app's own node_modules/.cache when it has a node_modules; never a new node_modules
  // in whatever folder the command runs from.
  const appModules = path.join(process.cwd(), 'node_modules');
  const candidates = [
    process.env.DB_MANAGE_CACHE_DIR,
    fs.existsSync(appModules) ? path.join(appModules, '.cache', 'db-manage-ts') : null,
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

const sha1 = (...parts) => {
  const h = crypto.createHash('sha1');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
};

function readOrNull(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function writeAtomically(file, text) {
  // Write-then-rename keeps concurrent processes from reading half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch {
    try { fs.unlinkSync(tmp); } catch { /* already gone */ }
  }
}

function compilerOptions(config, format) {
  const t = ts();
  const converted = t.convertCompilerOptionsFromJson(config.emit, config.tsconfig ? path.dirname(config.tsconfig) : process.cwd()).options;
  return {
    ...converted,
    module: format === 'esm' ? t.ModuleKind.ESNext : t.ModuleKind.CommonJS,
    inlineSourceMap: true,
    inlineSources: false,
    sourceMap: false,
    declaration: false,
    importHelpers: false,
    verbatimModuleSyntax: false,
    isolatedModules: false,
    noEmit: false,
  };
}

function syntaxError(t, d, filename) {
  const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
  const where = pos ? `${filename}:${pos.line + 1}:${pos.character + 1}` : filename;
  const err = new SyntaxError(`${where}: ${t.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  err.code = 'TS_SYNTAX_ERROR';
  err.file = filename;
  return err;
}

function transformers(format, filename) {
  // After TypeScript's own transforms: type-only imports are gone by then.
  return format === 'esm' ? { after: [esmInteropTransformer(ts(), filename)] } : { before: [importMetaTransformer(ts())] };
}

function transpileAlone(source, filename, config, format) {
  const t = ts();
  const out = t.transpileModule(source, {
    fileName: filename,
    reportDiagnostics: true,
    compilerOptions: compilerOptions(config, format),
    transformers: transformers(format, filename),
  });
  const errors = (out.diagnostics || []).filter((d) => d.category === t.DiagnosticCategory.Error);
  if (errors.length > 0) throw syntaxError(t, errors[0], filename);
  return out.outputText;
}

/** A compile with type information, for decorator metadata that names types from other files. */
function transpileWithTypes(filename, config, format) {
  const t = ts();
  const options = { ...compilerOptions(config, format), types: [], noResolve: false, skipLibCheck: true };
  const raw = config.raw;
  if (raw.baseUrl !== undefined || raw.paths !== undefined) {
    const parsed = t.convertCompilerOptionsFromJson({ baseUrl: raw.baseUrl, paths: raw.paths }, path.dirname(config.tsconfig)).options;
    Object.assign(options, parsed);
    if (raw.paths && raw.baseUrl === undefined) options.pathsBasePath = path.dirname(config.tsconfig);
  }
  const program = t.createProgram({ rootNames: [filename], options });
  let text = null;
  program.emit(program.getSourceFile(filename), (name, data) => {
    if (/\.(c|m)?js$/.test(name)) text = data;
  }, undefined, false, transformers(format, filename));
  return text;
}

/** Resolves an import specifier of `filename` to a file of the app, or null for a package. */
function resolverFor(filename, config) {
  const dir = path.dirname(filename);
  const exts = ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '/index.ts', '/index.tsx'];
  const tryFile = (base) => {
    for (const candidate of [base, ...tsTwins(base), ...exts.map((e) => base + e)]) {
      try {
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not this one
      }
    }
    return null;
  };
  return (spec) => {
    if (spec.startsWith('.') || spec.startsWith('/')) return tryFile(path.resolve(dir, spec));
    for (const target of config.matchPaths ? config.matchPaths(spec) : []) {
      const file = tryFile(target);
      if (file) return file;
    }
    return null;
  };
}

function depsKey(key, deps) {
  const parts = [key];
  for (const file of deps) {
    const text = readOrNull(file);
    parts.push(file, text === null ? '' : sha1(text));
  }
  return sha1(...parts);
}

/**
 * JavaScript for a TypeScript source: CommonJS by default, ESM for an ES module entry.
 * `filename` must be absolute.
 */
function compile(source, filename, format = 'cjs') {
  const config = appConfig(filename);
  if (compilerVersion === null) compilerVersion = require('typescript/package.json').version;
  const key = sha1(FORMAT_VERSION, compilerVersion, config.key, format, filename, source);
  const dir = resolveCacheDir();
  const plainFile = dir && path.join(dir, `${key}.js`);
  const manifestFile = dir && path.join(dir, `${key}.deps.json`);
  if (dir) {
    const plain = readOrNull(plainFile);
    if (plain !== null) return plain;
    const manifest = readOrNull(manifestFile);
    if (manifest !== null) {
      try {
        const cached = readOrNull(path.join(dir, `${depsKey(key, JSON.parse(manifest))}.js`));
        if (cached !== null) return cached;
      } catch {
        // a damaged manifest: compile again
      }
    }
  }
  const text = transpileAlone(source, filename, config, format);
  const deps = /"design:type", [^\n]*Object\)/.test(text) ? typeSources(ts(), source, filename, resolverFor(filename, config), readOrNull) : [];
  if (deps.length === 0) {
    if (dir) writeAtomically(plainFile, text);
    return text;
  }
  const typed = transpileWithTypes(filename, config, format) ?? text;
  if (dir) {
    writeAtomically(path.join(dir, `${depsKey(key, deps)}.js`), typed);
    writeAtomically(manifestFile, JSON.stringify(deps));
  }
  return typed;
}

module.exports = { compile };
