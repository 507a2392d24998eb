import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/dropping-mapped-column';
import { lintErrors, lintOk } from '../rule-cases';

const entityColumns = new Map([['public.users', new Set(['id', 'username', 'email'])]]);

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'a column the entities no longer map', sql: ['ALTER TABLE users DROP COLUMN legacy'], context: { entityColumns } },
    { name: 'unknown entities: skipped', sql: ['ALTER TABLE users DROP COLUMN email'] },
    { name: 'a table no entity maps', sql: ['ALTER TABLE audit DROP COLUMN email'], context: { entityColumns } },
  ]);
  lintErrors(rule, [
    { name: 'a mapped column', sql: ['ALTER TABLE "users" DROP COLUMN "email"'], context: { entityColumns }, message: /users\."email" while the entities still map it/ },
    { name: 'DROP without COLUMN, qualified', sql: ['ALTER TABLE public.users DROP IF EXISTS username CASCADE'], context: { entityColumns } },
  ]);
});
