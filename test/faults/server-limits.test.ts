import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { downgrade, history, isDbManageError, startServer, stopServer, upgrade } from '../../src/api';
import { freePort } from '../support/free-port';
import { ROOT } from '../support/run-cli';

const MIGRATIONS = 40;
const TABLES_EACH = 20;

/** A project of MIGRATIONS migrations, each creating TABLES_EACH tables (each with a serial key and an index). */
function project(dir: string): void {
  mkdirSync(join(dir, 'migrations'), { recursive: true });
  writeFileSync(
    join(dir, 'data-source.ts'),
    `import { DataSource } from 'typeorm';\nexport default new DataSource({ type: 'postgres', entities: [], migrations: [\`\${__dirname}/migrations/*.ts\`] });\n`,
  );
  for (let m = 1; m <= MIGRATIONS; m++) {
    const ts = 1700000000000 + m;
    const names = Array.from({ length: TABLES_EACH }, (_, t) => `t_${m}_${t}`);
    writeFileSync(
      join(dir, 'migrations', `${ts}-Batch${m}.ts`),
      [
        "import type { MigrationInterface, QueryRunner } from 'typeorm';",
        `export class Batch${m}${ts} implements MigrationInterface {`,
        `  async up(q: QueryRunner): Promise<void> {`,
        ...names.map((n) => `    await q.query('CREATE TABLE ${n} (id serial PRIMARY KEY, v text); CREATE INDEX ${n}_v ON ${n} (v)');`),
        '  }',
        `  async down(q: QueryRunner): Promise<void> {`,
        ...names.map((n) => `    await q.query('DROP TABLE ${n}');`),
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  }
}

/**
 * H20: reverting many tables in one transaction runs out of the server's lock table. The
 * message must name the setting and --transaction each (not "fix the migration"), and the
 * database must stay at head. A cluster of the test's own, with a small lock table.
 */
describe('fault: a downgrade larger than the server lock table', async () => {
  const base = mkdtempSync(join(tmpdir(), 'dbm-locks-'));
  // Inside the repository, so the project's `import 'typeorm'` resolves.
  const dir = join(ROOT, '.db-manage', 'fault-runs', `locks-${process.pid}`);
  const env = { ...process.env, DATABASE_URL: undefined, DB_MANAGE_PG_DIR: join(base, 'pg'), DB_MANAGE_PG_PORT: String(await freePort()), DB_MANAGE_PG_DATABASE: 'locks' };
  const options = { cwd: dir, datasource: 'data-source.ts', env };
  after(async () => {
    await stopServer({ cwd: ROOT, env }).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  test('downgrade --transaction all of 800 tables: one line naming max_locks_per_transaction, nothing reverted; --transaction each gets through', { timeout: 600_000 }, async () => {
    project(dir);
    await startServer({ cwd: ROOT, env });
    await stopServer({ cwd: ROOT, env });
    // db-manage starts the server with max_connections=200: the lock table holds about 10 × 210 locks, 800 tables need ~3,200.
    appendFileSync(join(base, 'pg', 'data', 'postgresql.conf'), '\nmax_locks_per_transaction = 10\n');
    await upgrade({ ...options, transaction: 'each' });
    const err = await downgrade({ ...options, target: 'base', transaction: 'all', yes: true, snapshot: false }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(isDbManageError(err), `expected a typed error, got ${String(err)}`);
    assert.equal(err.code, 'migration-failed');
    assert.match(err.message, /out of shared memory/);
    assert.match(err.hint ?? '', /max_locks_per_transaction/);
    assert.match(err.hint ?? '', /--transaction each/);
    assert.doesNotMatch(err.hint ?? '', /Fix the migration/);
    const h = await history(options);
    assert.equal(h.current?.name, `Batch${MIGRATIONS}${1700000000000 + MIGRATIONS}`, 'still at head');
    const each = await downgrade({ ...options, target: 'base', transaction: 'each', yes: true, snapshot: false });
    assert.equal(each.reverted.length, MIGRATIONS);
  });
});
