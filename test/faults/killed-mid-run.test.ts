import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Client } from 'pg';
import { advisoryLocks, faultProject, fullyApplied, traces, untouched, type MigrationTrace } from '../support/fault-project';
import { assertNoSecretsLeaked, faultTargets, runFaultCli, spawnFaultCli, urlEnv } from '../support/fault-targets';
import { reportFigure, seededRandom, trials } from '../support/fault-trials';
import { adminQuery, createScratchDatabase, type ScratchDatabase } from '../support/test-cluster';

const MIGRATIONS = 20;
const MODES = ['each', 'all', 'none'] as const;
type Mode = (typeof MODES)[number];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the killed run's sessions are gone; the bound only turns a hang into a failure. */
async function sessionsGone(db: ScratchDatabase): Promise<boolean> {
  for (let i = 0; i < 600; i++) {
    const [row] = await adminQuery<{ n: number }>(
      db.url,
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'db-manage'`,
    );
    if (row.n === 0) return true;
    await sleep(50);
  }
  return false;
}

/** What must hold right after the kill, per mode; returns the problems found. */
function checkAfterKill(mode: Mode, found: readonly MigrationTrace[]): string[] {
  const problems: string[] = [];
  for (const t of found) if (t.recorded !== t.checksum) problems.push(`${t.name}: history row and checksum disagree`);
  const done = found.findIndex((t) => !fullyApplied(t));
  const prefix = done === -1 ? found.length : done;
  const rest = found.slice(prefix);
  if (mode === 'all') {
    if (prefix !== 0 && prefix !== found.length) problems.push(`--transaction all left ${prefix} of ${found.length} applied`);
    if (prefix === 0 && !found.every(untouched)) problems.push('--transaction all left a partial run');
  } else if (mode === 'each') {
    if (!rest.every(untouched)) problems.push(`not all-or-nothing: ${JSON.stringify(rest.filter((t) => !untouched(t)))}`);
  } else {
    // none: the migration in flight may be partly applied (never recorded); nothing after it is touched.
    if (rest[0]?.recorded) problems.push(`${rest[0].name} is recorded but not fully applied`);
    if (!rest.slice(1).every(untouched)) problems.push(`migrations after the interrupted one were touched: ${JSON.stringify(rest.slice(1).filter((t) => !untouched(t)))}`);
  }
  return problems;
}

/**
 * Check 2: `upgrade` over twenty migrations gets kill -9 at a random moment. Afterwards
 * every migration is applied and recorded or not at all (for `none`: see RESULTS.md), no
 * advisory lock is left, and the next `upgrade` completes.
 */
describe('fault: upgrade killed mid-run', () => {
  after(() => assertNoSecretsLeaked('killed-mid-run'));

  for (const target of faultTargets()) {
    // Found by this check: the killed run's session kept waiting on the table lock, holding
    // the migration lock (and queueing ahead of the app) until the blocker went away.
    test(`a run killed while its migration waits on a lock leaves no session and no lock behind (${target.name})`, { timeout: 300_000 }, async () => {
      const project = faultProject({ count: 3, gated: 2 });
      const db = await createScratchDatabase(target, 'fault_orphan');
      const gate = new Client({ connectionString: db.url });
      try {
        await adminQuery(db.url, 'CREATE TABLE "fault_gate" ("x" integer)');
        await gate.connect();
        await gate.query('BEGIN');
        await gate.query('LOCK TABLE "fault_gate" IN ACCESS EXCLUSIVE MODE');
        const run = spawnFaultCli(['upgrade', '-d', 'data-source.ts'], { cwd: project.dir, env: urlEnv(db) });
        let waiting = false;
        for (let i = 0; i < 1200 && !waiting && run.child.exitCode === null; i++) {
          const [row] = await adminQuery<{ n: number }>(
            db.url,
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'db-manage' AND wait_event = 'relation'`,
          );
          waiting = row.n === 1;
          if (!waiting) await sleep(50);
        }
        assert.ok(waiting, 'the run reached the gate');
        run.child.kill('SIGKILL');
        await run.closed;
        // The gate is still held: the orphaned session must end by itself, not when the blocker goes.
        assert.ok(await sessionsGone(db), 'the killed run still has a session waiting on the lock');
        assert.equal(await advisoryLocks(db.url), 0);
        await gate.query('COMMIT');
        const next = await runFaultCli(['upgrade', '-d', 'data-source.ts'], { cwd: project.dir, env: urlEnv(db) });
        assert.equal(next.code, 0, next.stderr);
        assert.ok((await traces(db.url, project.names)).every(fullyApplied));
      } finally {
        await gate.end().catch(() => undefined);
        await db.drop();
        project.remove();
      }
    });

    for (const mode of MODES) {
      test(`kill -9 during upgrade --transaction ${mode} (${target.name})`, { timeout: 3_600_000 }, async () => {
        // A migration meant to run without a transaction must be safe to run again; see RESULTS.md.
        const project = faultProject({ count: MIGRATIONS, sleep: 0.04, rerunnable: mode === 'none' });
        const args = ['upgrade', '--transaction', mode, '-d', 'data-source.ts'];
        const random = seededRandom(0x6b696c6c + MODES.indexOf(mode));
        try {
          // An undisturbed run tells when the first migration starts and when the run has
          // committed (its "Upgraded" line); the second run counts, the first fills the loader's cache.
          let firstApply = 0;
          let total = 0;
          for (let round = 0; round < 2; round++) {
            const calibration = await createScratchDatabase(target, 'fault_kill');
            const started = Date.now();
            const probe = spawnFaultCli(args, { cwd: project.dir, env: urlEnv(calibration) });
            firstApply = 0;
            total = 0;
            while (probe.child.exitCode === null && probe.child.signalCode === null) {
              if (!firstApply && probe.stdout().includes('… apply')) firstApply = Date.now() - started;
              if (!total && probe.stdout().includes('Upgraded')) total = Date.now() - started;
              await sleep(5);
            }
            const calibrated = await probe.closed;
            total ||= Date.now() - started;
            await calibration.drop();
            assert.equal(calibrated.code, 0, calibrated.stderr);
          }

          const count = trials(50, 3);
          const problems: string[] = [];
          const moments = { beforeFirstMigration: 0, duringRun: 0, afterRun: 0 };
          let partial = 0;
          let ranTwice = 0;
          for (let trial = 0; trial < count; trial++) {
            const db = await createScratchDatabase(target, 'fault_kill');
            const fail = (what: string) => problems.push(`trial ${trial}: ${what}`);
            try {
              // One kill in ten lands while the run starts (lock, history tables); the rest at a
              // random point after the first migration began, so machine load moves nothing.
              const early = random() < 0.1;
              const run = spawnFaultCli(args, { cwd: project.dir, env: urlEnv(db) });
              const ended = run.closed.then(() => true);
              if (early) {
                await Promise.race([sleep(random() * firstApply), ended]);
              } else {
                while (!run.stdout().includes('… apply') && run.child.exitCode === null) await Promise.race([sleep(5), ended]);
                await Promise.race([sleep(random() * (total - firstApply)), ended]);
              }
              run.child.kill('SIGKILL');
              const killed = await run.closed;
              const begun = (killed.stdout.match(/… apply/g) ?? []).length;
              if (killed.code === 0) moments.afterRun++;
              else if (begun === 0) moments.beforeFirstMigration++;
              else moments.duringRun++;

              if (!(await sessionsGone(db))) fail('the killed run still has a session after 30 s');
              if ((await advisoryLocks(db.url)) !== 0) fail('an advisory lock was left behind');
              const found = await traces(db.url, project.names);
              for (const p of checkAfterKill(mode, found)) fail(p);
              const interrupted = found.findIndex((t) => !fullyApplied(t));
              if (interrupted !== -1 && !untouched(found[interrupted])) partial++;

              const next = await runFaultCli(args, { cwd: project.dir, env: urlEnv(db) });
              if (next.code !== 0) fail(`the next upgrade exited ${next.code}: ${next.stderr.trim()}`);
              const healed = await traces(db.url, project.names);
              for (const [i, t] of healed.entries()) {
                // Under none, the interrupted migration's statements before the kill run again: its ledger may count 2.
                const twice = mode === 'none' && i === interrupted && t.ledger === 2 && fullyApplied({ ...t, ledger: 1 });
                if (twice) ranTwice++;
                else if (!fullyApplied(t)) fail(`after the next upgrade ${t.name} is ${JSON.stringify(t)}`);
              }
              if ((await advisoryLocks(db.url)) !== 0) fail('an advisory lock is held after the next upgrade');
            } finally {
              await db.drop();
            }
          }
          reportFigure(`killed-mid-run --transaction ${mode} (${target.name})`, {
            trials: count,
            ...moments,
            leftPartial: partial,
            ledgerRowRanTwice: ranTwice,
            failures: problems.length,
            calibratedRunMs: total,
          });
          assert.deepEqual(problems, []);
        } finally {
          project.remove();
        }
      });
    }
  }
});
