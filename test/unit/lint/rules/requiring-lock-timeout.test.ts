import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/requiring-lock-timeout';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'SET LOCAL first', sql: [`SET LOCAL lock_timeout = '5s'`, 'ALTER TABLE users ADD COLUMN x int'] },
    { name: 'set_config form', sql: [`SELECT set_config('lock_timeout', '2s', true)`, 'ALTER TABLE users DROP COLUMN x'] },
    { name: 'only new tables', sql: ['CREATE TABLE t (a int)', 'CREATE INDEX ON t (a)', 'ALTER TABLE t ADD b int'] },
    { name: 'CONCURRENTLY takes no blocking lock', sql: ['CREATE INDEX CONCURRENTLY i ON users (email)'], statement: { inTransaction: false } },
    { name: 'session SET outside a transaction', sql: [`SET lock_timeout TO 3000`, 'ALTER TABLE users ADD x int'], statement: { inTransaction: false } },
  ]);
  lintErrors(rule, [
    { name: 'no timeout, reported once per migration', sql: ['ALTER TABLE users ADD COLUMN x int', 'ALTER TABLE posts ADD COLUMN y int'], message: /locks an existing table without a lock_timeout/ },
    { name: 'timeout set too late', sql: ['ALTER TABLE users ADD x int', `SET LOCAL lock_timeout = '5s'`] },
    { name: 'timeout of zero disables it', sql: [`SET lock_timeout = 0`, 'TRUNCATE users'] },
    { name: 'SET LOCAL without a transaction does nothing', sql: [`SET LOCAL lock_timeout = '5s'`, 'DROP TABLE users'], statement: { inTransaction: false } },
  ]);
});
