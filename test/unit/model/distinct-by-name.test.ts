import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Column, DataSource, Entity, Index, PrimaryGeneratedColumn, Unique, type DataSourceOptions } from 'typeorm';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { entityModel } from '../../../src/engine/model/entity-model';

/** Found by the fuzz corpus (test/fuzz): two declarations TypeORM gives one derived name. */
@Entity('ledger_lines')
@Index(['booked'])
@Unique(['memo'])
class LedgerLine {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'numeric', precision: 12, scale: 2 }) amount: string;
  @Index() @Column({ type: 'date' }) booked: string;
  @Column({ type: 'text', unique: true }) memo: string;
}

@Entity('ledger_tags')
@Index(['label'], { unique: true })
class LedgerTag {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Column({ type: 'varchar', length: 30 }) label: string;
}

async function modelOf(entities: Function[]) {
  const ds = new DataSource({ type: 'postgres', entities } as DataSourceOptions);
  await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return entityModel(ds);
}

test('an index or unique declared twice alike is one object', async () => {
  const t = (await modelOf([LedgerLine])).tables[0];
  assert.equal(t.uniques.length, 1, 'unique: true and @Unique on the same column');
  assert.deepEqual(t.uniques[0].columns, ['memo']);
  assert.equal(t.indexes.length, 1, '@Index() on a property and @Index on the class over it');
});

test('an index declared twice under one derived name but differently is one config-invalid line', async () => {
  await assert.rejects(modelOf([LedgerTag]), (err: unknown) => {
    assert.ok(err instanceof DbManageError);
    assert.equal(err.code, 'config-invalid');
    assert.match(err.message, /^index IDX_\w+ on public\.ledger_tags is declared twice with different definitions$/);
    return true;
  });
});
