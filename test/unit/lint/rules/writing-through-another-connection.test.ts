import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/writing-through-another-connection';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'writes through the query runner', sql: ['INSERT INTO "tags" ("name") VALUES ($1)', 'UPDATE "tags" SET "name" = lower("name")'] },
    { name: 'only transaction control elsewhere', sql: ['START TRANSACTION', 'COMMIT'], statement: { otherConnection: true } },
  ]);
  lintErrors(rule, [
    { name: 'a repository update on the data source', sql: ['UPDATE "orders" SET "status" = $1'], statement: { otherConnection: true }, message: /outside the migration's transaction/ },
    { name: 'one finding per write call, not per transaction statement', sql: ['START TRANSACTION', 'DELETE FROM "a"; DELETE FROM "b"', 'INSERT INTO "c" DEFAULT VALUES', 'COMMIT'], statement: { otherConnection: true }, count: 2 },
  ]);
});
