import assert from 'node:assert/strict';
import { test } from 'node:test';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compile } = require('../../../src/loader/register.js') as { compile(source: string, file: string): string };
import { dataSourceTemplate } from '../../../src/engine/scaffold/templates';

test('the data source template is valid TypeScript that uses the embedded URL helper', () => {
  const source = dataSourceTemplate('src/migrations/*.ts');
  assert.match(source, /databaseUrl\(\{ cwd: __dirname \}\)/);
  assert.match(source, /migrations: \[`\$\{__dirname\}\/src\/migrations\/\*\.ts`\]/);
  assert.doesNotThrow(() => compile(source, '/virtual/ormconfig.ts'));
});
