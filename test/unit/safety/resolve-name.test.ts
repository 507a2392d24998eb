import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { resolveSchema, resolveTable } from '../../../src/engine/safety/resolve-name';

const tables = [
  { schema: 'analytics', table: 'page_views' },
  { schema: 'public', table: 'posts' },
  { schema: 'public', table: 'users' },
];

const rejects = (fn: () => unknown, code: string, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DbManageError && e.code === code && pattern.test(`${e.message}. ${e.hint}`));

test('a table is found by bare name or schema.table', () => {
  assert.deepEqual(resolveTable('users', tables), { schema: 'public', table: 'users' });
  assert.deepEqual(resolveTable('public.users', tables), { schema: 'public', table: 'users' });
  assert.deepEqual(resolveTable('analytics.page_views', tables), { schema: 'analytics', table: 'page_views' });
  assert.deepEqual(resolveTable('page_views', tables), { schema: 'analytics', table: 'page_views' });
});

test('a malicious or unknown name is rejected, listing the valid names', () => {
  rejects(() => resolveTable('users; drop table x', tables), 'name-not-found', /Valid tables: analytics\.page_views, posts, users/);
  rejects(() => resolveTable('"users"', tables), 'name-not-found', /not a table the entities manage/);
  rejects(() => resolveTable('pg_catalog.pg_class', tables), 'name-not-found', /Valid tables/);
  rejects(() => resolveTable('USERS', tables), 'name-not-found', /Valid tables/);
  rejects(() => resolveTable('public.page_views', tables), 'name-not-found', /Valid tables/);
});

test('a bare name found in two schemas must be qualified', () => {
  const twice = [...tables, { schema: 'analytics', table: 'users' }];
  rejects(() => resolveTable('users', twice), 'name-ambiguous', /analytics\.users, public\.users\. Name it as schema\.table/);
  assert.deepEqual(resolveTable('analytics.users', twice), { schema: 'analytics', table: 'users' });
});

test('schemas must be ones the entities use', () => {
  assert.equal(resolveSchema('analytics', ['analytics', 'public']), 'analytics');
  rejects(() => resolveSchema('pg_catalog', ['analytics', 'public']), 'name-not-found', /Valid schemas: analytics, public/);
  rejects(() => resolveSchema('analytics cascade; --', ['analytics', 'public']), 'name-not-found', /Valid schemas/);
});
