import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourceLoadError } from '../../../src/engine/project/load-data-source';

test('an API this TypeORM no longer has is named, with the installed version, in the hint (a TypeORM 0.3 app)', () => {
  const err = sourceLoadError(new TypeError('(0 , typeorm_1.RelationCount) is not a function'), 'cannot load data source ormconfig.ts');
  assert.equal(err.code, 'source-load-failed');
  assert.match(err.hint ?? '', /^The installed typeorm \(1\.\d+\.\d+\) has no RelationCount: the code was written for another TypeORM version/);
  const other = sourceLoadError(new TypeError('x.map is not a function'), 'cannot load data source ormconfig.ts');
  assert.equal(other.hint, 'Fix the error in that file and run the command again');
});
