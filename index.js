'use strict';
// The package entry for applications and their tests: `require('db-manage')`.
// TypeScript sources load through the cached transpile hook.
require('./src/loader/register');
module.exports = require('./src/api/index.ts');
