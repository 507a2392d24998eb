import { describe } from 'node:test';
import { rule } from '../../../../src/engine/lint/rules/adding-foreign-key-constraint';
import { lintErrors, lintOk } from '../rule-cases';

describe(rule.code, () => {
  lintOk(rule, [
    { name: 'NOT VALID', sql: ['ALTER TABLE "posts" ADD CONSTRAINT "FK_a" FOREIGN KEY ("authorId") REFERENCES "users"("id") NOT VALID'] },
    {
      name: 'validated in a migration without a transaction',
      sql: ['ALTER TABLE posts ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES users (id) NOT VALID', 'ALTER TABLE posts VALIDATE CONSTRAINT fk'],
      statement: { inTransaction: false },
    },
    { name: 'validated in a later migration', sql: ['ALTER TABLE posts VALIDATE CONSTRAINT fk'] },
    { name: 'new table', sql: ['CREATE TABLE c (u uuid)', 'ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES users (id)'] },
  ]);
  lintErrors(rule, [
    {
      name: 'TypeORM-style foreign key',
      sql: ['ALTER TABLE "posts" ADD CONSTRAINT "FK_a" FOREIGN KEY ("authorId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION'],
      message: /"FK_a" on existing table posts .* posts and users/,
    },
    { name: 'inline REFERENCES on a new column', sql: ['ALTER TABLE posts ADD COLUMN editor_id uuid REFERENCES users (id)'], message: /REFERENCES users/ },
    {
      name: 'VALIDATE in the transaction that added it',
      sql: ['ALTER TABLE posts ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES users (id) NOT VALID', 'ALTER TABLE posts VALIDATE CONSTRAINT fk'],
      message: /VALIDATE CONSTRAINT "fk" runs in the transaction that added it/,
    },
  ]);
});
