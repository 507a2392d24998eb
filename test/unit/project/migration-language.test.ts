import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DataSourceOptions } from 'typeorm';
import { migrationFlavour } from '../../../src/engine/project/migration-language';

function app(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dbm-lang-'));
  mkdirSync(join(dir, 'migrations'));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

const flavour = (dir: string, migrations: string[], source = 'data-source.js') =>
  migrationFlavour({ type: 'postgres', migrations } as DataSourceOptions, join(dir, source), join(dir, 'migrations'), dir);

test('TypeScript unless the project is JavaScript; CommonJS or ESM as its package.json says', () => {
  const js = app({ 'package.json': '{"name":"a"}' });
  const esm = app({ 'package.json': '{"name":"b","type":"module"}' });
  const ts = app({ 'package.json': '{"name":"c"}', 'tsconfig.json': '{}' });
  try {
    assert.deepEqual(flavour(js, ['migrations/*.js']), { language: 'cjs', extension: '.js' });
    assert.deepEqual(flavour(js, ['migrations/*.cjs']), { language: 'cjs', extension: '.cjs' });
    assert.deepEqual(flavour(esm, ['migrations/*.js']), { language: 'esm', extension: '.js' });
    assert.deepEqual(flavour(js, ['migrations/*.mjs']), { language: 'esm', extension: '.mjs' });
    // A JavaScript data source without a glob that says which: JavaScript.
    assert.deepEqual(flavour(js, []), { language: 'cjs', extension: '.js' });
    // The glob names .ts (or both): TypeScript, as TypeORM's own generate writes.
    assert.deepEqual(flavour(js, ['migrations/*{.ts,.js}']), { language: 'ts', extension: '.ts' });
    assert.deepEqual(flavour(js, ['migrations/*.ts'], 'data-source.ts'), { language: 'ts', extension: '.ts' });
    // A TypeScript project whose CLI runs compiled output (dist/migrations/*.js) keeps TypeScript sources.
    assert.deepEqual(flavour(ts, ['dist/migrations/*.js']), { language: 'ts', extension: '.ts' });
  } finally {
    for (const d of [js, esm, ts]) rmSync(d, { recursive: true, force: true });
  }
});
