import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/transaction-nesting';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'balanced BEGIN … COMMIT with transaction = false', sql: ['BEGIN', 'UPDATE users SET a = 1', 'COMMIT'], statement: { inTransaction: false } },
    { name: 'START TRANSACTION … END in one call, transaction = false', sql: ['START TRANSACTION; UPDATE users SET a = 1; END'], statement: { inTransaction: false } },
    { name: 'savepoints inside the runner transaction', sql: ['SAVEPOINT s', 'UPDATE users SET a = 1', 'ROLLBACK TO SAVEPOINT s', 'RELEASE SAVEPOINT s'], statement: { inTransaction: true } },
    { name: 'ROLLBACK TO, lower case with a comment', sql: ['rollback /* undo */ work to s'], statement: { inTransaction: true } },
    { name: 'unknown transaction mode: skipped', sql: ['BEGIN', 'COMMIT'] },
    { name: 'COMMIT without BEGIN outside a transaction only warns', sql: ['UPDATE users SET a = 1', 'COMMIT'], statement: { inTransaction: false } },
  ]);
  lintErrors(rule, [
    { name: 'COMMIT in a transactional migration', sql: ['UPDATE users SET a = 1', 'COMMIT', 'ALTER TABLE users ADD COLUMN b int'], statement: { inTransaction: true }, message: /COMMIT ends the transaction Example\d+ runs in: it commits/ },
    { name: 'ROLLBACK in a transactional migration', sql: ['ROLLBACK'], statement: { inTransaction: true }, message: /ROLLBACK ends .* discards everything before it/ },
    { name: 'BEGIN … COMMIT in a transactional migration: both', sql: ['BEGIN; UPDATE users SET a = 1; COMMIT'], statement: { inTransaction: true }, count: 2, message: /^(BEGIN inside the transaction|COMMIT ends)/ },
    { name: 'START TRANSACTION in a transactional migration', sql: ['START TRANSACTION ISOLATION LEVEL SERIALIZABLE'], statement: { inTransaction: true }, message: /^START TRANSACTION inside/ },
    { name: 'BEGIN never committed, transaction = false', sql: ['BEGIN', 'UPDATE users SET a = 1'], statement: { inTransaction: false }, message: /BEGIN opens a transaction that Example\d+ never commits/ },
    { name: 'nested BEGIN, transaction = false', sql: ['BEGIN', 'BEGIN', 'COMMIT'], statement: { inTransaction: false }, message: /BEGIN inside the transaction opened earlier/ },
  ]);
});
