import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { seedDatabase, snapshot, upgrade } from '../../src/api';
import { allPairs, samplePairs, type CommandPair } from '../support/command-matrix';
import { DEVLOOP, rowCounts } from '../support/devloop-project';
import { assertNoSecretsLeaked, faultTargets, runFaultCli, urlEnv } from '../support/fault-targets';
import { reportFigure } from '../support/fault-trials';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, apiEnv, createScratchDatabase, withDatabase, type ScratchDatabase, type TestTarget } from '../support/test-cluster';

const SENTINEL = 'matrix_sentinel';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sessions of ours still on the database, and sessions waiting for a lock there. */
async function leftBehind(db: ScratchDatabase): Promise<{ ours: number; waiting: number; locks: number }> {
  const [row] = await adminQuery<{ ours: number; waiting: number; locks: number }>(
    db.target.adminUrl,
    `SELECT (SELECT count(*)::int FROM pg_stat_activity WHERE datname = $1 AND application_name = 'db-manage') AS ours,
            (SELECT count(*)::int FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock') AS waiting,
            (SELECT count(*)::int FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = $1 AND l.locktype = 'advisory') AS locks`,
    [db.name],
  );
  return row;
}

/** A process that exited has closed its sockets; its backends need a moment to notice. */
async function settled(db: ScratchDatabase): Promise<{ ours: number; waiting: number; locks: number }> {
  let last = await leftBehind(db);
  for (let i = 0; i < 50 && (last.ours > 0 || last.waiting > 0 || last.locks > 0); i++) {
    await sleep(100);
    last = await leftBehind(db);
  }
  return last;
}

/** What a trial must never show in a command's output. */
function rawError(stderr: string): string | null {
  if (/internal error/i.test(stderr)) return 'internal error';
  if (/^\s+at .+\(.+:\d+:\d+\)$/m.test(stderr)) return 'stack trace';
  if (/pg_database_datname_index|duplicate key value/.test(stderr)) return 'raw constraint error';
  return null;
}

/**
 * The adversarial tier's concurrency part: each command started together with each other
 * command on one database at head, seeded, with a snapshot "base". Whatever the order the
 * server picks, no command may fail untyped, data may be lost only by a destructive command,
 * never duplicated, the history stays a consistent prefix, and nothing is left on the server.
 */
describe('fault: each command concurrently with each other command', () => {
  // The fixture itself: its entities match its migration, so `migrate` must write nothing (checked).
  const project = { dir: DEVLOOP };
  const migrationFiles = () => readdirSync(join(project.dir, 'migrations')).sort();
  const filesBefore = migrationFiles();
  after(() => {
    assertNoSecretsLeaked('concurrent-commands');
  });

  for (const target of faultTargets()) {
    test(`pairs started together leave typed errors and consistent data (${target.name})`, { timeout: 3_600_000 }, async () => {
      const pairs: CommandPair[] = process.env.FAULTS_FULL === '1' ? allPairs() : samplePairs(1, target.name === 'embedded' ? 11 : 12);
      const template = await prepareTemplate(target, project.dir);
      const reference = await referenceCounts(target, project.dir);
      const problems: string[] = [];
      const exits = new Map<number, number>();
      try {
        for (const [a, b] of pairs) {
          const label = `${a.name} × ${b.name}`;
          const db = await fromTemplate(target, template);
          try {
            await snapshot({ cwd: project.dir, env: apiEnv(db), name: 'base' });
            const env = urlEnv(db);
            const runs = await Promise.all([a, b].map((c) => runFaultCli(c.args, { cwd: project.dir, env })));
            process.stdout.write(`# pair ${label} (${target.name}): exits ${runs.map((r) => r.code).join(', ')}\n`);
            runs.forEach((r, i) => {
              exits.set(r.code, (exits.get(r.code) ?? 0) + 1);
              const cmd = [a, b][i];
              const raw = rawError(r.stderr);
              if (r.code === 70 || raw) problems.push(`${label}: ${cmd.name} exit ${r.code} (${raw ?? 'internal'}): ${r.stderr.trim()}`);
            });
            if (a.name === 'snapshot' && b.name === 'snapshot') {
              const ok = runs.filter((r) => r.code === 0).length;
              if (ok !== 1) problems.push(`${label}: ${ok} of 2 succeeded for one name`);
              const loser = runs.find((r) => r.code !== 0);
              if (loser && !(loser.code === 12 && /snapshot "pair" already exists/.test(loser.stderr))) problems.push(`${label}: the loser said: ${loser.stderr.trim()}`);
            }
            const left = await settled(db);
            if (left.ours + left.waiting + left.locks > 0) problems.push(`${label}: left on the server: ${JSON.stringify(left)}`);
            const history = await historyNames(db);
            if (history.length > 1 || new Set(history).size !== history.length) problems.push(`${label}: history is ${JSON.stringify(history)}`);
            const sentinel = await sentinelPresent(db);
            if (!a.destructive && !b.destructive && !sentinel) problems.push(`${label}: the sentinel row was lost by non-destructive commands`);
            // From whatever state the pair left, the ordinary loop must bring the database to head, clean and seeded once.
            const up = await runFaultCli(['upgrade'], { cwd: project.dir, env });
            const seeded = await runFaultCli(['seed'], { cwd: project.dir, env });
            const check = await runFaultCli(['check'], { cwd: project.dir, env });
            for (const [name, r] of [['upgrade', up], ['seed', seeded], ['check', check]] as const) {
              if (r.code !== 0) problems.push(`${label}: ${name} afterwards exit ${r.code}: ${r.stderr.trim()}`);
            }
            const counts = await rowCounts(db);
            const expected = { ...reference, users: reference.users + ((await sentinelPresent(db)) ? 1 : 0) };
            if (JSON.stringify(counts) !== JSON.stringify(expected)) problems.push(`${label}: rows ${JSON.stringify(counts)}, expected ${JSON.stringify(expected)}`);
            if (JSON.stringify(migrationFiles()) !== JSON.stringify(filesBefore)) problems.push(`${label}: migrate wrote ${migrationFiles().join(', ')}`);
          } finally {
            await dropWithSnapshots(db);
          }
        }
      } finally {
        await adminQuery(target.adminUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      }
      reportFigure(`concurrent-commands (${target.name})`, {
        pairs: pairs.length,
        processes: pairs.length * 2,
        exits: [...exits.entries()].sort((x, y) => x[0] - y[0]).map(([code, n]) => `${code}:${n}`).join(','),
        failures: problems.length,
      });
      assert.deepEqual(problems, []);
    });
  }
});

async function historyNames(db: ScratchDatabase): Promise<string[]> {
  const rows = await adminQuery<{ name: string }>(db.url, `SELECT "name" FROM "migrations" ORDER BY "id"`).catch(() => []);
  return rows.map((r) => r.name);
}

async function sentinelPresent(db: ScratchDatabase): Promise<boolean> {
  const rows = await adminQuery<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM public.users WHERE username = $1`, [SENTINEL]).catch(() => [{ n: 0 }]);
  return rows[0].n === 1;
}

/** A database at head, seeded, with one row no seed makes: copied for every trial. */
async function prepareTemplate(target: TestTarget, cwd: string): Promise<string> {
  const db = await createScratchDatabase(target, 'matrix_tmpl');
  await upgrade({ cwd, env: apiEnv(db) });
  await seedDatabase({ cwd, env: apiEnv(db) });
  await adminQuery(db.url, `INSERT INTO public.users (username, email, "passwordHash") SELECT $1::text, $1::text || '@example.com', "passwordHash" FROM public.users LIMIT 1`, [SENTINEL]);
  return db.name;
}

async function fromTemplate(target: TestTarget, template: string): Promise<ScratchDatabase> {
  const db = await createScratchDatabase(target, 'matrix');
  await adminQuery(target.adminUrl, `DROP DATABASE "${db.name}" WITH (FORCE)`);
  await adminQuery(target.adminUrl, `CREATE DATABASE "${db.name}" TEMPLATE "${template}"`);
  return { ...db, url: withDatabase(target.adminUrl, db.name) };
}

/** Row counts of a fresh database at head after one seed. */
async function referenceCounts(target: TestTarget, cwd: string): Promise<Record<string, number>> {
  const db = await createScratchDatabase(target, 'matrix_ref');
  try {
    await upgrade({ cwd, env: apiEnv(db) });
    await seedDatabase({ cwd, env: apiEnv(db) });
    return await rowCounts(db);
  } finally {
    await db.drop();
  }
}
