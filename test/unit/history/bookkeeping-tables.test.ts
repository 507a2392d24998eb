import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataSource } from 'typeorm';
import { bookkeepingTables } from '../../../src/engine/history/bookkeeping-tables';
import { historyTable } from '../../../src/engine/history/history-table';

test('one resolver for the bookkeeping tables honours the data source schema, migrationsTableName and metadataTableName', () => {
  const plain = new DataSource({ type: 'postgres' });
  assert.deepEqual(bookkeepingTables(plain), {
    history: { schema: 'public', name: 'migrations' },
    metadata: { schema: 'public', name: 'typeorm_metadata' },
    checksums: { schema: 'public', name: 'db_manage_checksums' },
  });
  const custom = new DataSource({ type: 'postgres', schema: 'app', migrationsTableName: 'schema_history', metadataTableName: 'orm_meta' });
  assert.deepEqual(bookkeepingTables(custom), {
    history: { schema: 'app', name: 'schema_history' },
    metadata: { schema: 'app', name: 'orm_meta' },
    checksums: { schema: 'app', name: 'db_manage_checksums' },
  });
  assert.deepEqual(historyTable(custom), { schema: 'app', table: 'schema_history', qualified: '"app"."schema_history"' });
});
