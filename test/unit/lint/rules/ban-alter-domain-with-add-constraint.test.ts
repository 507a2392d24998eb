import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/ban-alter-domain-with-add-constraint';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'NOT VALID', sql: ['ALTER DOMAIN positive ADD CONSTRAINT pos CHECK (VALUE > 0) NOT VALID'] },
    { name: 'dropping a constraint', sql: ['ALTER DOMAIN positive DROP CONSTRAINT pos'] },
    { name: 'setting a default', sql: ['ALTER DOMAIN positive SET DEFAULT 1'] },
  ]);
  lintErrors(rule, [
    { name: 'named CHECK', sql: ['ALTER DOMAIN positive ADD CONSTRAINT pos CHECK (VALUE > 0)'], message: /constraint to domain "positive" without NOT VALID/ },
    { name: 'unnamed CHECK, schema-qualified', sql: ['alter domain app.code add check (length(value) = 3)'], message: /domain "app\.code"/ },
  ]);
});
