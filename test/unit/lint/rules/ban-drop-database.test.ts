import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/ban-drop-database';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'dropping a table', sql: ['DROP TABLE users'] },
    { name: 'creating a database', sql: ['CREATE DATABASE reports'] },
    { name: 'dropping a schema', sql: ['DROP SCHEMA legacy CASCADE'] },
  ]);
  lintErrors(rule, [
    { name: 'DROP DATABASE', sql: ['DROP DATABASE reports'], message: /DROP DATABASE "reports" in a migration destroys/ },
    { name: 'IF EXISTS … WITH (FORCE)', sql: ['DROP DATABASE IF EXISTS "old_app" WITH (FORCE)'], message: /"old_app"/ },
    { name: 'generated statements too', sql: ['DROP DATABASE reports'], statement: { generated: true } },
    { name: 'in a script of several statements', sql: ['SELECT 1; DROP DATABASE a; DROP DATABASE b'], count: 2 },
  ]);
});
