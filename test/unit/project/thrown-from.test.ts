import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shownPath, thrownFrom } from '../../../src/engine/project/thrown-from';

const TOOLKIT = ['/app/node_modules/db-manage/src/engine/', '/app/node_modules/db-manage/src/loader/'];

test('a module that throws on import is named by the first frame outside node_modules and the toolkit (found by the bad-input fault check)', () => {
  const stack = `Error: the migration exploded
    at Object.<anonymous> (/app/migrations/1795292371300-Throws.ts:1:7)
    at Module._compile (node:internal/modules/cjs/loader:1554:14)
    at Object.require.extensions.<computed> (/repo/src/loader/register.js:120:12)
    at importClassesFromDirectories (/app/node_modules/typeorm/util/ImportUtils.js:40:20)`;
  assert.equal(thrownFrom(stack, TOOLKIT), '/app/migrations/1795292371300-Throws.ts');
});

test('frames in node_modules and in db-manage itself are skipped', () => {
  const stack = `TypeORMError: bad
    at Foo (/app/node_modules/typeorm/metadata/EntityMetadata.js:10:3)
    at load (/app/node_modules/db-manage/src/engine/connection/with-data-source.ts:40:5)
    at /app/src/entities/user.ts:12:9`;
  assert.equal(thrownFrom(stack, TOOLKIT), '/app/src/entities/user.ts');
});

test('no user frame, no file', () => {
  assert.equal(thrownFrom(`Error: x\n    at Foo (/app/node_modules/typeorm/a.js:1:1)\n    at node:internal/x:1:1`, TOOLKIT), null);
  assert.equal(thrownFrom(undefined, TOOLKIT), null);
});

test('paths inside the project are shown relative to it', () => {
  assert.equal(shownPath('/app', '/app/migrations/a.ts'), 'migrations/a.ts');
  assert.equal(shownPath('/app', '/elsewhere/a.ts'), '/elsewhere/a.ts');
});
