'use strict';
// `require('db-manage/engine')`: the diff as data (src/api/engine.ts), for tools built on db-manage.
// Like index.js: a checkout loads the TypeScript sources, an installed package the compiled dist/.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const sources = join(__dirname, 'src', 'api', 'engine.ts');
if (existsSync(sources)) {
  require('./src/loader/register');
  module.exports = require(sources);
} else {
  module.exports = require('./dist/api/engine.js');
}
