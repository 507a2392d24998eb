import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DataSourceOptions } from 'typeorm';
import { migrationsDir } from '../../../src/engine/project/migrations-dir';

const opts = (migrations?: unknown) => ({ type: 'postgres', migrations }) as DataSourceOptions;

test('the folder of the first glob, absolute or relative', () => {
  assert.equal(migrationsDir(opts(['/p/db/migrations/*.ts']), '/cwd'), '/p/db/migrations');
  assert.equal(migrationsDir(opts(['db/migrations/**/*.{ts,js}']), '/cwd'), '/cwd/db/migrations');
  assert.equal(migrationsDir(opts(['db/migrations/0001-init.ts']), '/cwd'), '/cwd/db/migrations');
});

test('src/migrations when unset, or when only classes are listed', () => {
  assert.equal(migrationsDir(opts(undefined), '/cwd'), '/cwd/src/migrations');
  assert.equal(migrationsDir(opts([class X {}]), '/cwd'), '/cwd/src/migrations');
});
