import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectFor } from '../../../src/engine/dialect/dialect-for';
import { postgres } from '../../../src/engine/dialect/postgres';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';

test('a postgres data source gets the PostgreSQL dialect', () => {
  assert.equal(dialectFor('postgres', 'ormconfig.ts'), postgres);
});

test('any other type is one config-invalid line naming the file, the type and what is supported', () => {
  for (const type of ['mysql', 'mariadb', 'sqlite', undefined, 42]) {
    assert.throws(() => dialectFor(type, 'src/data-source.ts'), (err: unknown) => {
      assert.ok(err instanceof DbManageError);
      assert.equal(err.code, 'config-invalid');
      assert.equal(err.message, `src/data-source.ts uses type "${String(type)}"; db-manage supports postgres only`);
      assert.doesNotMatch(err.message, /\n/);
      return true;
    });
  }
});

test('the PostgreSQL dialect speaks the one vocabulary of each fact', () => {
  assert.equal(postgres.quote.ident('a"b'), '"a""b"');
  assert.equal(postgres.quote.qualify('s', 't'), '"s"."t"');
  assert.equal(postgres.types.canonical({ base: 'varchar', length: 20 }), 'character varying(20)');
  assert.deepEqual(postgres.types.parts('int4[]'), { name: 'integer', mods: [], array: true });
  assert.deepEqual(postgres.render({ kind: 'create-schema', schema: 'analytics' } as never), ['CREATE SCHEMA IF NOT EXISTS "analytics"']);
});
