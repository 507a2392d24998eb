'use strict';
// Resolution as the app's TypeScript setup sees it, for CommonJS loading: tsconfig `paths`
// aliases, and `.js`-suffixed specifiers that name a `.ts` file (the ESM/NodeNext style).
// Only a specifier Node itself cannot resolve is looked at again, so normal loads pay nothing.
const Module = require('node:module');
const { appConfig } = require('./app-config');

const TS_FOR_JS = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };

function tsTwins(request) {
  const m = /\.(m|c)?jsx?$/.exec(request);
  if (!m) return [];
  const stem = request.slice(0, -m[0].length);
  return (TS_FOR_JS[m[0]] || []).map((ext) => stem + ext);
}

function install() {
  const original = Module._resolveFilename;
  if (original.dbManage) return;
  function resolveFilename(request, parent, isMain, options) {
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (err) {
      if (!err || err.code !== 'MODULE_NOT_FOUND' || !parent || !parent.filename) throw err;
      const candidates = [...tsTwins(request)];
      if (!request.startsWith('.') && !request.startsWith('/')) {
        const { matchPaths } = appConfig(parent.filename);
        for (const target of matchPaths ? matchPaths(request) : []) candidates.push(target, ...tsTwins(target));
      }
      for (const candidate of candidates) {
        try {
          return original.call(this, candidate, parent, isMain, options);
        } catch {
          // try the next candidate
        }
      }
      throw err;
    }
  }
  resolveFilename.dbManage = true;
  Module._resolveFilename = resolveFilename;
}

module.exports = { install, tsTwins };
