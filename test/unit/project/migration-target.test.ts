import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { DataSourceOptions } from 'typeorm';
import { migrationTarget } from '../../../src/engine/project/migration-target';

const made: string[] = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(tsconfig: object | null, folders: string[] = ['src']): string {
  const dir = mkdtempSync(join(tmpdir(), 'dbm-target-'));
  made.push(dir);
  if (tsconfig) writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const f of folders) mkdirSync(join(dir, f), { recursive: true });
  return dir;
}

const ds = (migrations: string[]) => ({ type: 'postgres', migrations }) as DataSourceOptions;

test('a data source that runs dist/migrations/*.js gets its new migration as TypeScript in the matching source folder', () => {
  const dir = project({ compilerOptions: { outDir: 'dist', rootDir: 'src' } });
  const t = migrationTarget(ds(['dist/migrations/*.js']), join(dir, 'dist', 'data-source.js'), dir);
  assert.deepEqual(t, { directory: join(dir, 'src', 'migrations'), flavour: { language: 'ts', extension: '.ts' }, compiledIn: join(dir, 'dist', 'migrations') });
});

test('without rootDir, the sources are taken to be src/ (what tsc infers in nearly every project), nested folders kept', () => {
  const dir = project({ compilerOptions: { outDir: './build' } });
  const t = migrationTarget(ds([join(dir, 'build', 'db', 'migrations', '*.js')]), join(dir, 'build', 'ds.js'), dir);
  assert.equal(t.directory, join(dir, 'src', 'db', 'migrations'));
  assert.equal(t.compiledIn, join(dir, 'build', 'db', 'migrations'));
});

test('a glob outside outDir, no outDir, or an explicit folder: the glob\'s folder (or the explicit one), as before', () => {
  const dir = project({ compilerOptions: { outDir: 'dist' } });
  assert.deepEqual(migrationTarget(ds(['src/migrations/*.ts']), join(dir, 'src', 'ds.ts'), dir), {
    directory: join(dir, 'src', 'migrations'), flavour: { language: 'ts', extension: '.ts' }, compiledIn: null,
  });
  const plain = project({ compilerOptions: {} });
  assert.equal(migrationTarget(ds(['dist/migrations/*.js']), join(plain, 'ds.ts'), plain).compiledIn, null);
  assert.equal(migrationTarget(ds(['dist/migrations/*.js']), join(dir, 'ds.ts'), dir, join(dir, 'elsewhere')).directory, join(dir, 'elsewhere'));
});

test('a JavaScript project (no tsconfig) keeps JavaScript migrations where its glob points', () => {
  const dir = project(null, ['migrations']);
  const t = migrationTarget(ds(['migrations/*.js']), join(dir, 'data-source.js'), dir);
  assert.deepEqual([t.directory, t.flavour.language, t.compiledIn], [join(dir, 'migrations'), 'cjs', null]);
});
