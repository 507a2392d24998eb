import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/rewriting-table';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'plain VACUUM', sql: ['VACUUM users'], statement: { inTransaction: false } },
    { name: 'VACUUM ANALYZE', sql: ['VACUUM (ANALYZE) users'], statement: { inTransaction: false } },
    { name: 'LOCK is another statement', sql: ['LOCK TABLE users IN SHARE MODE'] },
  ]);
  lintErrors(rule, [
    { name: 'VACUUM FULL', sql: ['VACUUM FULL users'], statement: { inTransaction: false }, message: /^VACUUM FULL rewrites the whole table/ },
    { name: 'VACUUM (FULL, ANALYZE)', sql: ['vacuum (full, analyze) users'], message: /^VACUUM FULL/ },
    { name: 'CLUSTER', sql: ['CLUSTER users USING users_pkey'], message: /^CLUSTER rewrites the whole table under an ACCESS EXCLUSIVE lock/ },
  ]);
});
