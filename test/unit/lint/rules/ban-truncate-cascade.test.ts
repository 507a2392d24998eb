import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/ban-truncate-cascade';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'plain TRUNCATE', sql: ['TRUNCATE users'] },
    { name: 'RESTRICT', sql: ['TRUNCATE TABLE ONLY users, orders RESTART IDENTITY RESTRICT'] },
    { name: 'DROP TABLE … CASCADE is another statement', sql: ['DROP TABLE users CASCADE'] },
  ]);
  lintErrors(rule, [
    { name: 'CASCADE', sql: ['TRUNCATE users CASCADE'], message: /TRUNCATE users CASCADE also empties every table that references users/ },
    { name: 'several tables, qualified', sql: ['TRUNCATE TABLE app.users, orders RESTART IDENTITY CASCADE'], message: /TRUNCATE app\.users, orders CASCADE/ },
    { name: 'generated statements too', sql: ['TRUNCATE users CASCADE'], statement: { generated: true }, message: /transitively/ },
  ]);
});
