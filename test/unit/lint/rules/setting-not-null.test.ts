import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/setting-not-null';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'DROP NOT NULL', sql: ['ALTER TABLE users ALTER COLUMN phone DROP NOT NULL'] },
    { name: 'new table', sql: ['CREATE TABLE t (a int)', 'ALTER TABLE t ALTER COLUMN a SET NOT NULL'] },
    {
      name: 'a validated CHECK (col IS NOT NULL) proves it',
      sql: [
        'ALTER TABLE users ADD CONSTRAINT phone_nn CHECK ("phone" IS NOT NULL) NOT VALID',
        'ALTER TABLE users VALIDATE CONSTRAINT phone_nn',
        'ALTER TABLE users ALTER COLUMN phone SET NOT NULL',
      ],
    },
  ]);
  lintErrors(rule, [
    { name: 'plain SET NOT NULL', sql: ['ALTER TABLE "users" ALTER COLUMN "phone" SET NOT NULL'], message: /users\."phone" scans the whole table/ },
    {
      name: 'a NOT VALID check that was never validated proves nothing',
      sql: ['ALTER TABLE users ADD CONSTRAINT c CHECK (phone IS NOT NULL) NOT VALID', 'ALTER TABLE users ALTER phone SET NOT NULL'],
    },
    { name: 'a check on another column', sql: ['ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL)', 'ALTER TABLE users ALTER phone SET NOT NULL'] },
  ]);
});
