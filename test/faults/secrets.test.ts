import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { copyDevloop, migration } from '../support/bad-input';
import { assertNoSecretsLeaked, faultTargets, runFaultCli } from '../support/fault-targets';
import { reportFigure } from '../support/fault-trials';
import { dropWithSnapshots } from '../support/snapshot-cleanup';
import { adminQuery, createScratchDatabase, withDatabase, type ScratchDatabase, type TestTarget } from '../support/test-cluster';

/**
 * A password with every character that breaks naive URL handling: '@' (where the
 * user info seems to end), '/' (where the path seems to begin), '#' (a fragment) and ':'.
 */
const SECRET = 'Sx7@Qm9/Lp2#Wz4:Kd';
const ROLE = 'dbm_fault_secret';
const encoded = encodeURIComponent(SECRET);

/** The scratch database's URL for the role that has the distinctive password. */
function roleUrl(db: ScratchDatabase, password = encoded): string {
  const u = new URL(db.url);
  return `postgres://${ROLE}:${password}@${u.host}${u.pathname}`;
}

type Run = { readonly args: readonly string[]; readonly env?: (db: ScratchDatabase) => Record<string, string>; readonly ok?: boolean; readonly only?: TestTarget['name'] };

/** What the suite runs, with the password in the URL: every command that succeeds, and the ways they fail. */
const RUNS: readonly Run[] = [
  ...[
    ['upgrade'],
    ['seed'],
    ['history'],
    ['current'],
    ['status'],
    ['check'],
    ['snapshot', 'sec{n}'],
    ['snapshots'],
    ['restore', 'sec{n}', '--yes', '--no-snapshot'],
    ['reset-table', 'posts', '--yes', '--no-snapshot'],
    ['reset-schema', 'analytics', '--yes', '--no-snapshot'],
    ['reset', '--yes', '--no-snapshot', '--seed'],
    ['downgrade', 'base', '--sql'],
    ['upgrade', '--sql'],
    ['migrate', 'nothing new', '--sql'],
    ['lint'],
    ['url', '--masked'],
  ].map((args) => ({ args, ok: true })),
  { args: ['backup', 'out/secret.dump'], ok: true, only: 'external' },
  { args: ['upgrade', 'NoSuchMigration'] },
  { args: ['reset-table', 'no_such_table', '--yes'] },
  { args: ['reset'] },
  { args: ['upgrade'], env: (db) => ({ DATABASE_URL: withDatabase(roleUrl(db), 'dbm_fault_no_such_db') }) },
  { args: ['status'], env: (db) => ({ DATABASE_URL: roleUrl(db).replace(/:\d+\//, ':1/') }) },
  { args: ['upgrade'], env: (db) => ({ DATABASE_URL: `${roleUrl(db)}?sslmode=require` }) },
  { args: ['history'], env: (db) => ({ DATABASE_URL: roleUrl(db, `${encoded}x`) }), only: 'embedded' },
  // The password typed into the URL without encoding: the URL is malformed or means something else.
  { args: ['upgrade'], env: (db) => ({ DATABASE_URL: roleUrl(db, SECRET) }) },
  { args: ['status'], env: (db) => ({ DATABASE_URL: roleUrl(db, SECRET).replace(/:\d+\//, ':99999/') }) },
  { args: ['current'], env: (db) => ({ DATABASE_URL: roleUrl(db, SECRET).replace('postgres://', 'mysql://') }) },
];

/**
 * Check 6: no output of any command or error shows the database password. The fault
 * suite keeps every output it captures and greps it at the end of each file; this file
 * runs every command, succeeding and failing, plain, --verbose and --json, with a
 * password built to defeat URL masking.
 */
describe('fault: secrets', () => {
  after(() => assertNoSecretsLeaked('secrets', [SECRET]));

  for (const target of faultTargets()) {
    test(`no output shows the password (${target.name})`, { timeout: 900_000 }, async () => {
      const db = await createScratchDatabase(target, 'fault_secret');
      const copy = copyDevloop();
      try {
        await adminQuery(target.adminUrl, `DROP ROLE IF EXISTS ${ROLE}`).catch(() => undefined);
        await adminQuery(target.adminUrl, `CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${SECRET}'`);
        await adminQuery(target.adminUrl, `ALTER DATABASE "${db.name}" OWNER TO ${ROLE}`);
        mkdirSync(join(copy.dir, 'out'));
        let runs = 0;
        const variants = process.env.FAULTS_FULL === '1' ? [[], ['--verbose'], ['--json']] : [['--verbose']];
        for (const run of RUNS) {
          if (run.only && run.only !== target.name) continue;
          for (const [n, extra] of variants.entries()) {
            const env = run.env?.(db) ?? { DATABASE_URL: roleUrl(db) };
            // Each variant takes and restores a snapshot of its own ({n}).
            const args = run.args.map((a) => a.replace('{n}', String(n)));
            const r = await runFaultCli([...args, ...extra], { cwd: copy.dir, env });
            runs++;
            if (run.ok) assert.equal(r.code, 0, `${run.args.join(' ')} ${extra.join(' ')}: ${r.stderr}`);
            else assert.notEqual(r.code, 0);
            if (run.args[0] === 'backup') rmSync(join(copy.dir, 'out', 'secret.dump'), { force: true });
          }
        }
        // The URL from the project's .env file instead of the environment, and a migration that fails.
        writeFileSync(join(copy.dir, '.env'), `DATABASE_URL=${roleUrl(db)}\n`);
        migration({ dir: copy.dir, db, target }, 1795292371300, 'Fails', `await queryRunner.query('SELECT * FROM no_such_table');`);
        for (const args of [['upgrade', '--verbose'], ['upgrade', '--json'], ['status', '--verbose']]) {
          const r = await runFaultCli(args, { cwd: copy.dir, env: { DATABASE_URL: undefined } });
          runs++;
          assert.notEqual(r.code, 70, r.stderr);
        }
        reportFigure(`secrets (${target.name})`, { commandRuns: runs });
      } finally {
        copy.remove();
        await dropWithSnapshots(db);
        await adminQuery(target.adminUrl, `DROP ROLE IF EXISTS ${ROLE}`).catch(() => undefined);
      }
    });
  }
});
