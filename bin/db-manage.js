#!/usr/bin/env node
'use strict';
// In a checkout the TypeScript sources run through the cached transpile hook; an installed
// package ships them compiled to dist/ (built by `npm pack`'s prepack) and no src/.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

// Node 22.1 on keeps V8's compiled code of every module on disk (os.tmpdir()/node-compile-cache,
// or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), as tsc's own bin does: about
// 0.1 s of a warm command's 0.5 s goes to compiling typeorm, pg, yargs and our own modules again.
// Node 20 has no such API and is left as it is.
require('node:module').enableCompileCache?.();

const sources = join(__dirname, '..', 'src', 'cli', 'main.ts');
if (existsSync(sources)) {
  require('../src/loader/register');
  require(sources).main(process.argv.slice(2));
} else {
  require('../dist/cli/main.js').main(process.argv.slice(2));
}
