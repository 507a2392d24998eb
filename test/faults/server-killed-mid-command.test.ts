import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Client } from 'pg';
import { snapshot, startServer, stopServer } from '../../src/api';
import { freePort } from '../support/free-port';
import { ROOT } from '../support/run-cli';
import { assertNoSecretsLeaked, runFaultCli, spawnFaultCli } from '../support/fault-targets';
import { reportFigure, seededRandom, trials } from '../support/fault-trials';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The embedded server killed with -9 while a command works on it (H16: `restore` then
 * crashed as "internal error"). The command must end with a typed line, and the next
 * command must find the database whole: the old copy or the restored one, never neither.
 */
describe('fault: the server killed in the middle of a command', async () => {
  const base = mkdtempSync(join(tmpdir(), 'dbm-midkill-'));
  const env = { DB_MANAGE_PG_DIR: join(base, 'pg'), DB_MANAGE_PG_PORT: String(await freePort()), DB_MANAGE_PG_DATABASE: 'midkill' };
  const apiOpts = { cwd: ROOT, env: { ...process.env, ...env, DATABASE_URL: undefined } };
  let password = '';
  after(async () => {
    await stopServer(apiOpts).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
    assertNoSecretsLeaked('server-killed-mid-command', password ? [password] : []);
  });

  async function query<T>(database: string, sql: string): Promise<T[]> {
    const client = new Client({ host: '127.0.0.1', port: Number(env.DB_MANAGE_PG_PORT), user: 'postgres', password, database });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  test('restore and snapshot killed at a random moment end typed, and the database survives', { timeout: 1_200_000 }, async () => {
    await startServer(apiOpts);
    password = readFileSync(join(base, 'pg', 'password'), 'utf8').trim();
    // The embedded server creates its configured database (DB_MANAGE_PG_DATABASE) on first start.
    // Big enough that the copy takes a while, so kills land inside it.
    await query('midkill', `CREATE TABLE marker (v int); INSERT INTO marker VALUES (1); CREATE TABLE filler AS SELECT g, repeat('x', 200) AS pad FROM generate_series(1, 200000) g`);
    await snapshot({ ...apiOpts, name: 'base' });
    await query('midkill', 'UPDATE marker SET v = 2');
    const random = seededRandom(20261129);
    const count = trials(12, 2);
    const problems: string[] = [];
    const exits: Record<string, number> = {};
    for (let i = 0; i < count; i++) {
      const args = i % 2 === 0 ? ['restore', 'base', '--yes', '--no-snapshot'] : ['snapshot', `s${i}`];
      const run = spawnFaultCli(args, { env });
      // Kill once the command is at work on the server (this cluster is the test's alone), at a random point after.
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const busy = await query<{ n: number }>('postgres', `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'db-manage' AND state = 'active'`).catch(() => [{ n: 0 }]);
        if (busy[0].n > 0) break;
        await sleep(20);
      }
      await sleep(Math.floor(random() * 150));
      const pidFile = join(base, 'pg', 'data', 'postmaster.pid');
      if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGKILL');
      const result = await run.closed;
      exits[result.code] = (exits[result.code] ?? 0) + 1;
      if (result.code === 70 || /internal error/i.test(result.stderr)) problems.push(`trial ${i} ${args[0]}: exit ${result.code}: ${result.stderr.trim()}`);
      if (result.code !== 0 && result.stderr.trim().split('\n').filter((l) => /^error/i.test(l)).length !== 1) problems.push(`trial ${i}: not one error line: ${result.stderr.trim()}`);
      const next = await runFaultCli(['status', '--quick'], { env });
      if (next.code !== 0) problems.push(`trial ${i}: the next command failed: ${next.stderr.trim()}`);
      const marker = await query<{ v: number }>('midkill', 'SELECT v FROM marker').catch((e: Error) => [{ v: `missing: ${e.message}` }]);
      if (marker.length !== 1 || ![1, 2].includes(Number(marker[0].v))) problems.push(`trial ${i}: the database is ${JSON.stringify(marker)}`);
      await query('midkill', 'UPDATE marker SET v = 2').catch(() => undefined);
    }
    reportFigure('server-killed-mid-command', { trials: count, exits: Object.entries(exits).map(([c, n]) => `${c}:${n}`).join(','), failures: problems.length });
    assert.deepEqual(problems, []);
  });
});
