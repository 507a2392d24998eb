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

test('a column whose declared type TypeScript records as Object: the hint says why and how to name the type', () => {
  const err = sourceLoadError(new Error('Data type "Object" in "User.bio" is not supported by "postgres" database.'), 'cannot load the entities');
  assert.equal(err.code, 'source-load-failed');
  assert.match(err.hint ?? '', /User\.bio's declared type \(a union such as string \| null under strictNullChecks/);
  assert.match(err.hint ?? '', /@Column\(\{ type: 'varchar', nullable: true \}\)/);
});
