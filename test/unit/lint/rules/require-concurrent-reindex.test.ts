import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/require-concurrent-reindex';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'REINDEX … CONCURRENTLY', sql: ['REINDEX INDEX CONCURRENTLY "IDX_title"'], statement: { inTransaction: false } },
    { name: 'the option form', sql: ['REINDEX (CONCURRENTLY, VERBOSE) TABLE users'], statement: { inTransaction: false } },
  ]);
  lintErrors(rule, [
    { name: 'REINDEX INDEX', sql: ['REINDEX INDEX "IDX_title"'], message: /^REINDEX without CONCURRENTLY blocks writes/ },
    { name: 'REINDEX TABLE, lower case', sql: ['reindex table users'], message: /until the rebuild finishes/ },
    { name: 'generated statements too', sql: ['REINDEX TABLE users'], statement: { generated: true } },
  ]);
});
