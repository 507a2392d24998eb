'use strict';
// The package entry for applications and their tests: `require('db-manage')`.
// A checkout loads the TypeScript sources through the cached transpile hook; an installed
// package loads the compiled dist/ (see bin/db-manage.js).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const sources = join(__dirname, 'src', 'api', 'index.ts');
if (existsSync(sources)) {
  require('./src/loader/register');
  module.exports = require(sources);
} else {
  module.exports = require('./dist/api/index.js');
}
