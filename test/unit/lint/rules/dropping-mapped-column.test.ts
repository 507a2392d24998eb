import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/dropping-mapped-column';
import { lintErrors, lintOk } from '../rule-cases';

const entityColumns = new Map([['public\u0000users', new Set(['id', 'username', 'email'])]]);

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'a column the entities no longer map', sql: ['ALTER TABLE users DROP COLUMN legacy'], context: { entityColumns } },
    { name: 'unknown entities: skipped', sql: ['ALTER TABLE users DROP COLUMN email'] },
    { name: 'a table no entity maps', sql: ['ALTER TABLE audit DROP COLUMN email'], context: { entityColumns } },
    { name: 'dropped and added again in one transaction (a generated column rebuilt)', sql: ['ALTER TABLE "public"."users" DROP COLUMN "email"', 'ALTER TABLE "public"."users" ADD COLUMN "email" text GENERATED ALWAYS AS (lower("username")) STORED'], context: { entityColumns }, statement: { inTransaction: true } },
  ]);
  lintErrors(rule, [
    { name: 'a mapped column', sql: ['ALTER TABLE "users" DROP COLUMN "email"'], context: { entityColumns }, message: /users\."email" while the entities still map it/ },
    { name: 'DROP without COLUMN, qualified', sql: ['ALTER TABLE public.users DROP IF EXISTS username CASCADE'], context: { entityColumns } },
    { name: 'dropped and added again outside a transaction: sessions see it missing', sql: ['ALTER TABLE "public"."users" DROP COLUMN "email"', 'ALTER TABLE "public"."users" ADD COLUMN "email" text GENERATED ALWAYS AS (lower("username")) STORED'], context: { entityColumns }, statement: { inTransaction: false } },
  ]);
});
