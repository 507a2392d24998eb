// ES module loader hooks (Module.register): TypeScript through the same compile as require.
//
// An ES module entry (a data source with top-level await or import.meta, in an ESM app) asked
// for with `?db-manage-esm` compiles to ESM; every other TypeScript module an import reaches
// is handed to the CommonJS loader, which compiles it with the require hook. So one module
// graph, one metadata storage, and `.js`-suffixed imports of `.ts` files resolve as tsc's do.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { compile } = require('./compile.js');
const { tsTwins } = require('./resolve.js');
const TS = /\.(c|m)?tsx?$/;

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !context.parentURL?.startsWith('file:')) throw err;
    for (const candidate of tsTwins(specifier)) {
      try {
        return await next(candidate, context);
      } catch {
        // try the next candidate
      }
    }
    throw err;
  }
}

export async function load(url, context, next) {
  const [path, query] = url.split('?');
  if (!path.startsWith('file:') || !TS.test(path)) return next(url, context);
  const file = fileURLToPath(path);
  if (query === 'db-manage-esm') {
    const source = await readFile(file, 'utf8');
    return { format: 'module', source: compile(source, file, 'esm'), shortCircuit: true };
  }
  // No source: Node hands the module to the CommonJS loader, which runs the require hook.
  return { format: 'commonjs', shortCircuit: true };
}
