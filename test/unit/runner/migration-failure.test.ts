import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrationFailure } from '../../../src/engine/runner/migration-failure';

const A = { name: 'CreateAlpha1700000000001', timestamp: 1700000000001 };
// The shape TypeORM's QueryFailedError has: the statement, its parameters and the driver's error.
const failed = {
  message: 'relation "x" does not exist',
  query: 'INSERT INTO "x"\n  ("a") VALUES ($1)',
  parameters: ['v'],
  driverError: { message: 'relation "x" does not exist', code: '42P01', position: '13' },
};

test('names the migration, the statement on one line with its parameters, and the message', () => {
  const err = migrationFailure(failed, { migration: 'B1700000000002', direction: 'up', mode: 'each', inTransaction: true, head: A });
  assert.equal(err.code, 'migration-failed');
  assert.equal(err.message, `migration B1700000000002 failed on INSERT INTO "x" ("a") VALUES ('v'): relation "x" does not exist`);
  assert.equal(err.hint, `Nothing of it was applied; the database stays at ${A.name}. Fix the migration and run upgrade again`);
  assert.deepEqual(err.details.postgres, { code: '42P01', message: 'relation "x" does not exist', detail: undefined, hint: undefined, position: '13' });
});

test('a downgrade failure and the three transaction modes say where the database is', () => {
  const down = migrationFailure(failed, { migration: 'B1700000000002', direction: 'down', mode: 'each', inTransaction: true, head: null });
  assert.match(down.message, /^reverting B1700000000002 failed on /);
  assert.equal(down.hint, 'Nothing of it was reverted; the database stays at base. Fix the migration and run downgrade again');
  assert.match(String(migrationFailure(failed, { migration: 'B', direction: 'up', mode: 'all', inTransaction: true, head: null }).hint), /--transaction all/);
  assert.match(String(migrationFailure(failed, { migration: 'B', direction: 'up', mode: 'each', inTransaction: false, head: A }).hint), /outside a transaction/);
});

test('an error thrown by migration code has no statement and keeps only its first line', () => {
  const err = migrationFailure(new TypeError('boom\n    at up (file.ts:1:1)'), { migration: 'B', direction: 'up', mode: 'each', inTransaction: true, head: null });
  assert.equal(err.message, 'migration B failed: boom');
  assert.equal(err.details.statement, null);
});

test('a very long statement is clipped in the message but kept whole in details', () => {
  const long = { ...failed, query: `SELECT ${'x, '.repeat(200)}1`, parameters: [] };
  const err = migrationFailure(long, { migration: 'B', direction: 'up', mode: 'each', inTransaction: true, head: null });
  assert.ok(err.message.length < 320);
  assert.match(err.message, /…: relation/);
  assert.equal(err.details.statement, long.query);
});

test('a transaction that outgrows the lock table names max_locks_per_transaction and the fixes, not the migration (H20)', () => {
  // What PostgreSQL says when one transaction locks more relations than its lock table holds.
  const outOfLocks = {
    message: 'out of shared memory',
    query: 'DROP TABLE "archive_2019_01", "archive_2019_02"',
    parameters: [],
    driverError: { message: 'out of shared memory', code: '53200', hint: 'You might need to increase "max_locks_per_transaction".' },
  };
  const all = migrationFailure(outOfLocks, { migration: 'DropArchives1700000000009', direction: 'down', mode: 'all', inTransaction: true, head: A });
  assert.equal(all.code, 'migration-failed');
  assert.match(String(all.hint), /max_locks_per_transaction/);
  assert.match(String(all.hint), /--transaction each/);
  assert.match(String(all.hint), new RegExp(`stays at ${A.name}`));
  assert.doesNotMatch(String(all.hint), /Fix the migration/);
  const each = migrationFailure(outOfLocks, { migration: 'DropArchives1700000000009', direction: 'up', mode: 'each', inTransaction: true, head: null });
  assert.match(String(each.hint), /max_locks_per_transaction.*split the migration/);
  const other = migrationFailure({ ...outOfLocks, driverError: { message: 'could not resize shared memory segment', code: '53100' } }, { migration: 'B', direction: 'up', mode: 'each', inTransaction: true, head: null });
  assert.match(String(other.hint), /ran out of resources \(53100\)/);
});
