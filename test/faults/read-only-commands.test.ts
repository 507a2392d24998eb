import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { upgrade } from '../../src/api';
import { databaseFingerprint } from '../support/database-fingerprint';
import { assertNoSecretsLeaked, faultTargets, runFaultCli } from '../support/fault-targets';
import { runCli } from '../support/run-cli';
import { reportFigure, seededRandom, trials } from '../support/fault-trials';
import { adminQuery, apiEnv, createScratchDatabase, targetEnv, type ScratchDatabase } from '../support/test-cluster';
import { WRITE_HANDLES, writeWritingMigration, writingProject, type WriteHandle } from '../support/writing-migrations';

/**
 * Every read-only command, through the real CLI, against a project with data, an applied
 * migration whose `down` writes and a pending one whose `up` writes, through whatever
 * handle TypeORM gives a migration. Data, catalog, history and the list of databases must
 * be exactly as before each command; no command may end in an internal error.
 */
const READ_ONLY: readonly (readonly string[])[] = [
  ['lint'],
  ['upgrade', '--sql'],
  ['downgrade', '--sql'],
  ['lint', '--json'],
  ['upgrade', '--sql', '--json'],
  ['downgrade', 'base', '--sql'],
  ['stamp', 'head', '--sql'],
  ['stamp', 'base', '--sql'],
  ['migrate', 'read only', '--sql'],
  ['check'],
  ['status'],
  ['status', '--json'],
  ['status', '--quick'],
  ['history'],
  ['current'],
  ['url'],
  ['url', '--masked'],
  ['snapshots'],
];

/** The dry runs are what H1 was about: always in the sample. */
const ALWAYS = 3;

interface Scenario {
  readonly label: string;
  readonly handles: readonly WriteHandle[];
  /** Nothing applied yet, not even the history tables: the data was loaded by hand. */
  readonly fresh?: boolean;
}

/**
 * Quick: a project whose migrations write through three random handles, and a database
 * nobody ran db-manage on. Full: every handle alone, all at once, and the fresh database.
 */
function scenarios(random: () => number): Scenario[] {
  const pool = [...WRITE_HANDLES];
  const pick = () => pool.splice(Math.floor(random() * pool.length), 1)[0];
  if (process.env.FAULTS_FULL === '1') {
    return [
      ...WRITE_HANDLES.map((h) => ({ label: h.name, handles: [h] })),
      { label: 'every handle', handles: WRITE_HANDLES },
      { label: 'every handle, fresh database', handles: WRITE_HANDLES, fresh: true },
    ];
  }
  const picked = [pick(), pick(), pick()];
  const alone = pick();
  return [
    { label: picked.map((h) => h.name).join(' + '), handles: picked },
    { label: `${alone.name}, fresh database`, handles: [alone], fresh: true },
  ];
}

/** The quick sample: the dry runs and a few random others (only those on a fresh database); the full run: every command. */
function commands(random: () => number, scenario: Scenario): (readonly string[])[] {
  const full = process.env.FAULTS_FULL === '1';
  const always = full || !scenario.fresh ? READ_ONLY.slice(0, ALWAYS) : [];
  const rest = READ_ONLY.filter((c) => !always.includes(c));
  const chosen = [...rest].sort(() => random() - 0.5).slice(0, trials(rest.length, 2));
  return [...always, ...chosen];
}

async function databases(db: ScratchDatabase): Promise<string> {
  const rows = await adminQuery<{ datname: string }>(db.url, `SELECT datname FROM pg_database WHERE strpos(datname, $1) > 0 ORDER BY 1`, [db.name]);
  return rows.map((r) => r.datname).join(',');
}

describe('fault: read-only commands never write', () => {
  after(() => assertNoSecretsLeaked('read-only commands'));

  for (const target of faultTargets()) {
    test(`data, catalog and history stay as they were (${target.name})`, { timeout: 3_600_000 }, async () => {
      const seed = 0x52_4f + target.name.length;
      const random = seededRandom(seed);
      const runs = { commands: 0, scenarios: 0, refused: 0 };
      for (const scenario of scenarios(random)) {
        const db = await createScratchDatabase(target, 'fault_readonly');
        const project = writingProject();
        try {
          if (scenario.fresh) {
            await adminQuery(db.url, `CREATE TABLE "ro_items" ("id" SERIAL PRIMARY KEY, "label" text NOT NULL);
              INSERT INTO "ro_items" ("label") SELECT 'row ' || g FROM generate_series(1, 40) g`);
          } else {
            await upgrade({ cwd: project.dir, env: apiEnv(db) });
            writeWritingMigration(project.dir, 1760000001000, 'RoDownWrites', 'down', scenario.handles);
            await upgrade({ cwd: project.dir, env: apiEnv(db) });
          }
          writeWritingMigration(project.dir, 1760000002000, 'RoUpWrites', 'up', scenario.handles);
          const fingerprint = await databaseFingerprint(db.url);
          const listed = await databases(db);
          for (const args of commands(random, scenario)) {
            // `url` prints the password by design; every other output goes to the secrets check.
            const run = args.length === 1 && args[0] === 'url' ? runCli : runFaultCli;
            const result = await run(args, { cwd: project.dir, env: targetEnv(db) });
            const what = `${args.join(' ')} [${scenario.label}] (seed ${seed})`;
            assert.notEqual(result.code, 70, `${what} ended in an internal error: ${result.stderr}`);
            assert.doesNotMatch(result.stderr, /^\s+at .+:\d+:\d+\)?$/m, `${what} printed a stack trace`);
            if (result.code === 6) runs.refused++;
            assert.deepEqual(await databaseFingerprint(db.url), fingerprint, `${what} changed the database`);
            assert.equal(await databases(db), listed, `${what} created or dropped a database`);
            runs.commands++;
          }
          runs.scenarios++;
        } finally {
          project.remove();
          await db.drop();
        }
      }
      reportFigure(`read-only commands (${target.name})`, { ...runs, defects: 0 });
    });
  }
});
