import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/concurrently-in-transaction';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'transaction = false', sql: ['CREATE INDEX CONCURRENTLY i ON users (email)'], statement: { inTransaction: false } },
    { name: 'unknown transaction mode: skipped', sql: ['DROP INDEX CONCURRENTLY i'] },
    { name: 'plain index in a transaction', sql: ['CREATE INDEX i ON users (email)'], statement: { inTransaction: true } },
  ]);
  lintErrors(rule, [
    { name: 'CREATE INDEX CONCURRENTLY', sql: ['CREATE UNIQUE INDEX CONCURRENTLY i ON users (email)'], statement: { inTransaction: true }, message: /CREATE INDEX CONCURRENTLY fails/ },
    { name: 'DROP INDEX CONCURRENTLY', sql: ['DROP INDEX CONCURRENTLY IF EXISTS i'], statement: { inTransaction: true }, message: /DROP INDEX/ },
  ]);
});
