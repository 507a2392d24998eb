import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataSource } from 'typeorm';
import { PageView, Post, User } from '../../../src/entities';
import { displayName, managedObjects, quotedTable } from '../../../src/engine/safety/managed-objects';

test('literal metadata: schemas, tables and enum names follow TypeORM naming', () => {
  const found = managedObjects([
    { tableName: 'users', tableType: 'regular', columns: [{ databaseName: 'role', type: 'enum', enumName: 'user_role' }] },
    { tableName: 'tickets', schema: 'support', tableType: 'regular', columns: [{ databaseName: 'Status', type: 'enum' }] },
    { tableName: 'user_stats', tableType: 'view', columns: [] },
    { tableName: 'users_tags_tags', tableType: 'junction', columns: [{ databaseName: 'usersId', type: 'uuid' }] },
  ]);
  assert.deepEqual(found.schemas, ['public', 'support']);
  assert.deepEqual(found.tables, [
    { schema: 'public', table: 'users' },
    { schema: 'public', table: 'users_tags_tags' },
    { schema: 'support', table: 'tickets' },
  ]);
  assert.deepEqual(found.enums, [
    { schema: 'public', name: 'user_role' },
    { schema: 'support', name: 'tickets_status_enum' },
  ]);
});

test('the project entities manage public and analytics', async () => {
  const ds = new DataSource({ type: 'postgres', entities: [User, Post, PageView] });
  // Metadata is built without a connection.
  await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  const found = managedObjects(ds.entityMetadatas);
  assert.deepEqual(found.schemas, ['analytics', 'public']);
  assert.deepEqual(found.tables.map((t) => displayName(t)), ['analytics.page_views', 'posts', 'users']);
  assert.deepEqual(found.enums, [{ schema: 'public', name: 'user_role' }]);
  assert.equal(quotedTable(found.tables[0]), '"analytics"."page_views"');
});
