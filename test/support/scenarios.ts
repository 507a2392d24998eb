import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { catalogFingerprint } from '../../src/api/engine';
import { ROOT } from './run-cli';

/** Round-trip scenarios: test/fixtures/scenarios/<name>/, one data source, or one per step-N/. */
export const SCENARIOS_DIR = join(ROOT, 'test', 'fixtures', 'scenarios');

/** Every scenario, or those named in SCENARIOS (comma-separated) while working on a few. */
export function scenarioNames(): string[] {
  const only = process.env.SCENARIOS?.split(',').filter(Boolean);
  return readdirSync(SCENARIOS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && (!only || only.includes(e.name)))
    .map((e) => e.name)
    .sort();
}

/** The data source files of a scenario, relative to its folder, in step order. */
export function scenarioSteps(dir: string): string[] {
  if (existsSync(join(dir, 'data-source.ts'))) return ['data-source.ts'];
  return readdirSync(dir)
    .filter((d) => /^step-\d+$/.test(d))
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))
    .map((d) => `${d}/data-source.ts`);
}

/**
 * A private copy of a fixture folder, so the migrations a test writes never land in the
 * source tree. It sits at the same depth below the repository as test/fixtures/<kind>/<name>,
 * so relative imports of src/ still resolve, and node_modules is found by walking up.
 */
export function copyFixture(source: string, label: string): { dir: string; remove: () => void } {
  const name = source.split('/').pop() as string;
  const base = join(ROOT, '.db-manage', 'fixture-runs', `${label}-${process.pid}`);
  const dir = join(base, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, { recursive: true, filter: (src) => !/[\\/]migrations$/.test(src) });
  return { dir, remove: () => rmSync(base, { recursive: true, force: true }) };
}

/** The runner's bookkeeping tables appear on first upgrade and stay; they are not the schema under test. */
export const BOOKKEEPING = [
  { schema: 'public', name: 'migrations' },
  { schema: 'public', name: 'db_manage_checksums' },
  // TypeORM's own, created with the history (as its MigrationExecutor does) when entities have generated columns.
  { schema: 'public', name: 'typeorm_metadata' },
];

export async function fingerprint(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await catalogFingerprint({ query: async (sql, params) => (await client.query(sql, params)).rows }, { ignoreTables: BOOKKEEPING });
  } finally {
    await client.end();
  }
}
