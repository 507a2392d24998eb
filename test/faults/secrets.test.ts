import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { copyDevloop, migration } from '../support/bad-input';
import { assertNoSecretsLeaked, faultTargets, runFaultCli } from '../support/fault-targets';
import { reportFigure, seededRandom, trials } from '../support/fault-trials';
import { connectionString, ENV_FORMS, envLine, pick, randomPassword, URL_SHAPES, type EnvForm, type UrlShape } from '../support/random-secrets';
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

/** The generated passwords, grepped for with the fixed one once the file's tests are done. */
const generated: string[] = [];
const GEN_ROLE = 'dbm_fault_gen_secret';

/** Commands whose output may carry the URL or a connection error, in each output mode. */
const GEN_COMMANDS: readonly (readonly string[])[] = [
  ['status'],
  ['status', '--json'],
  ['history', '--verbose'],
  ['current', '--json'],
  ['upgrade', '--verbose'],
  ['upgrade', '--sql', '--json'],
  ['check', '--json'],
  ['lint', '--verbose'],
  ['snapshots', '--json'],
  ['url', '--masked'],
  ['url', '--masked', '--json'],
  ['reset', '--json'],
  ['downgrade', '--sql', '--verbose'],
];
type Failure = 'none' | 'dead-port' | 'no-database';
const FAILURES: readonly Failure[] = ['none', 'none', 'dead-port', 'no-database'];

/** A SQL string literal (standard_conforming_strings is on in both test servers). */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Check 6: no output of any command or error shows the database password. The fault
 * suite keeps every output it captures and greps it at the end of each file; this file
 * runs every command, succeeding and failing, plain, --verbose and --json, with a
 * password built to defeat URL masking.
 */
describe('fault: secrets', () => {
  after(() => assertNoSecretsLeaked('secrets', [SECRET, ...generated]));

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

    test(`generated passwords in every URL shape and .env form never show (${target.name})`, { timeout: 1_800_000 }, async () => {
      const db = await createScratchDatabase(target, 'fault_gen_secret');
      const copy = copyDevloop();
      const random = seededRandom(target.name === 'embedded' ? 6151 : 6152);
      const count = trials(60, 5);
      const tried = { shapes: new Set<UrlShape>(), places: new Set<EnvForm | 'environment'>(), commands: new Set<string>() };
      try {
        await adminQuery(target.adminUrl, `DROP ROLE IF EXISTS ${GEN_ROLE}`).catch(() => undefined);
        await adminQuery(target.adminUrl, `CREATE ROLE ${GEN_ROLE} LOGIN CREATEDB`);
        await adminQuery(target.adminUrl, `ALTER DATABASE "${db.name}" OWNER TO ${GEN_ROLE}`);
        const server = new URL(db.url);
        for (let trial = 0; trial < count; trial++) {
          const password = randomPassword(random);
          generated.push(password);
          await adminQuery(target.adminUrl, `ALTER ROLE ${GEN_ROLE} PASSWORD ${literal(password)}`);
          // The first trials walk the shapes and places in turn.
          // The two servers start the walk at different points, so the quick sample covers every shape and place.
          const walk = trial + (target.name === 'embedded' ? 0 : 3);
          const shape = trial < URL_SHAPES.length ? URL_SHAPES[walk % URL_SHAPES.length] : pick(random, URL_SHAPES);
          const places = ['environment', ...ENV_FORMS] as const;
          const place = trial < places.length ? places[walk % places.length] : pick(random, places);
          const failure = pick(random, FAILURES);
          const command = GEN_COMMANDS[(trial * 5 + Math.floor(random() * 3)) % GEN_COMMANDS.length];
          const url = connectionString(shape, password, {
            user: GEN_ROLE,
            host: server.hostname,
            port: failure === 'dead-port' ? 1 : Number(server.port),
            database: failure === 'no-database' ? 'dbm_fault_no_such_db' : db.name,
          });
          let env: Record<string, string | undefined>;
          if (place === 'environment') {
            env = { DATABASE_URL: url };
            rmSync(join(copy.dir, '.env'), { force: true });
          } else {
            env = { DATABASE_URL: undefined };
            writeFileSync(join(copy.dir, '.env'), `# generated\n${envLine(place, 'DATABASE_URL', url)}\nLOG_LEVEL=info\n`);
          }
          tried.shapes.add(shape);
          tried.places.add(place);
          tried.commands.add(command.join(' '));
          const r = await runFaultCli(command, { cwd: copy.dir, env });
          // Whatever the URL became, the command says so in its own words: never an internal error.
          assert.notEqual(r.code, 70, `${command.join(' ')} with ${JSON.stringify(url)} (${place}): ${r.stderr}`);
        }
        reportFigure(`generated secrets (${target.name})`, {
          commandRuns: count,
          urlShapes: tried.shapes.size,
          envPlaces: tried.places.size,
          commands: tried.commands.size,
        });
      } finally {
        copy.remove();
        await dropWithSnapshots(db);
        await adminQuery(target.adminUrl, `DROP ROLE IF EXISTS ${GEN_ROLE}`).catch(() => undefined);
      }
    });
  }
});
