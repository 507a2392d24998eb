#!/usr/bin/env node
'use strict';
// In a checkout the TypeScript sources run through the cached transpile hook; an installed
// package ships them compiled to dist/ (built by `npm pack`'s prepack) and no src/.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const sources = join(__dirname, '..', 'src', 'cli', 'main.ts');
if (existsSync(sources)) {
  require('../src/loader/register');
  require(sources).main(process.argv.slice(2));
} else {
  require('../dist/cli/main.js').main(process.argv.slice(2));
}
