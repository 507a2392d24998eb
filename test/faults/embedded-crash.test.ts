import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { stopServer } from '../../src/api';
import { freePort } from '../support/free-port';
import { BIN, ROOT } from '../support/run-cli';
import { assertNoSecretsLeaked, runFaultCli } from '../support/fault-targets';
import { reportFigure, seededRandom, trials } from '../support/fault-trials';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** kill -9 of the CLI while it works, of the server, or of both; the next command must recover alone. */
describe('fault: the embedded server after a crash', async () => {
  const base = mkdtempSync(join(tmpdir(), 'dbm-crash-'));
  const env = { DB_MANAGE_PG_DIR: join(base, 'pg'), DB_MANAGE_PG_PORT: String(await freePort()) };
  after(async () => {
    // This cluster's own password, read before the folder goes, joins the suite's secrets.
    const passwordFile = join(base, 'pg', 'password');
    const password = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : '';
    await stopServer({ cwd: ROOT, env: { ...process.env, ...env } }).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
    assertNoSecretsLeaked('embedded-crash', password ? [password] : []);
  });

  test('every kill -9 is recovered by the next command', { timeout: 600_000 }, async () => {
    const count = trials(20, 3);
    const random = seededRandom(20261121);
    const kinds = { cli: 0, server: 0, both: 0 };
    let failures = 0;
    const first = await runFaultCli(['status', '--quick'], { env });
    assert.equal(first.code, 0, first.stderr);
    for (let i = 0; i < count; i++) {
      const kind = (['cli', 'server', 'both'] as const)[i % 3];
      kinds[kind]++;
      if (kind !== 'cli') {
        const pid = Number(readFileSync(join(base, 'pg', 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
        process.kill(pid, 'SIGKILL');
      }
      if (kind !== 'server') {
        // A CLI killed at a random moment: while starting the server, connecting or querying.
        const child = spawn(process.execPath, [BIN, 'status'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
        const closed = new Promise((r) => child.once('close', r));
        await sleep(Math.floor(random() * 600));
        child.kill('SIGKILL');
        await closed;
      }
      const next = await runFaultCli(['status', '--quick'], { env });
      if (next.code !== 0 || !/PostgreSQL 17\.\d+ \(embedded\)/.test(next.stdout)) {
        failures++;
        process.stdout.write(`# trial ${i} (${kind}) failed: ${next.stderr}\n`);
      }
    }
    reportFigure('embedded-crash', { trials: count, killedCli: kinds.cli, killedServer: kinds.server, killedBoth: kinds.both, failures });
    assert.equal(failures, 0);
  });
});
