import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hasScript, runInTerminal } from '../support/run-in-terminal';
import { copyFixture } from '../support/scenarios';
import { ROOT, runCli } from '../support/run-cli';
import { adminQuery, createScratchDatabase, embeddedTarget, targetEnv, type ScratchDatabase } from '../support/test-cluster';

// Ctrl-C is the terminal's business, the same on every server: the embedded one is enough.
const target = embeddedTarget();
const CTRL_C = '\u0003';
/** Colour and style codes; a spinner's cursor movements are allowed, colours are not. */
const SGR = /\u001b\[[0-9;]*m/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Ctrl-C on a terminal stops every command: exit 130, the open transaction rolled back', { skip: hasScript ? false : 'util-linux script is not installed' }, () => {
  let db: ScratchDatabase;
  let project: { dir: string; remove: () => void };
  let sleepy = '';
  const env = () => targetEnv(db);
  const cli = (...args: string[]) => runCli(args, { cwd: project.dir, env: env() });
  const sleeping = async () =>
    Number(
      (await adminQuery<{ n: string }>(target.adminUrl, `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()`, [db.name]))[0].n,
    );
  const until = async (what: () => Promise<boolean>, ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (await what()) return true;
    return false;
  };
  /** Types Ctrl-C only once the server is inside the migration's slow statement. */
  const whileSleeping = async () => assert.ok(await until(async () => (await sleeping()) === 1, 60_000), 'the migration never reached pg_sleep');
  const applied = async () => (await adminQuery<{ name: string }>(db.url, 'SELECT name FROM migrations ORDER BY id')).map((r) => r.name);
  const marker = async () => (await adminQuery(db.url, `SELECT to_regclass('sleepy_marker') AS t`))[0].t !== null;

  before(async () => {
    db = await createScratchDatabase(target, 'cli_interrupt');
    project = copyFixture(join(ROOT, 'test', 'fixtures', 'projects', 'phone'), 'interrupt');
    assert.equal((await cli('setup')).code, 0);
    assert.equal((await cli('revision', 'Sleepy')).code, 0);
    const name = readdirSync(join(project.dir, 'src', 'migrations')).find((f) => f.endsWith('-Sleepy.ts')) as string;
    sleepy = `Sleepy${name.slice(0, 13)}`;
    const file = join(project.dir, 'src', 'migrations', name);
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace(/(up\(queryRunner: QueryRunner\): Promise<void> \{\n)/, "$1    await queryRunner.query('CREATE TABLE sleepy_marker (id int)');\n    await queryRunner.query('SELECT pg_sleep(600)');\n")
        .replace(/(down\(queryRunner: QueryRunner\): Promise<void> \{\n)/, "$1    await queryRunner.query('DROP TABLE sleepy_marker');\n    await queryRunner.query('SELECT pg_sleep(600)');\n"),
    );
  });
  after(async () => {
    project.remove();
    await db.drop();
  });

  async function interrupted(args: string[], extraEnv: Record<string, string | undefined>) {
    const started = Date.now();
    const r = await runInTerminal(args, { cwd: project.dir, env: { ...env(), ...extraEnv }, prompt: args[0] === 'upgrade' && !args.includes('--json') ? /apply/ : /^/, keys: CTRL_C, before: whileSleeping });
    assert.ok(Date.now() - started < 90_000);
    assert.equal(r.code, 130, r.stdout);
    // The server notices the client has gone and ends the statement, releasing every lock.
    assert.ok(await until(async () => (await sleeping()) === 0, 10_000), 'the interrupted statement still runs on the server');
    return r;
  }

  test('upgrade under a spinner (--no-color): exit 130, nothing of the migration kept, no colour', async () => {
    const r = await interrupted(['upgrade', '--no-color'], { NO_COLOR: undefined });
    assert.match(r.stdout, /error: interrupted\. PostgreSQL rolls back the open transaction; .* Run npx db-manage status to see where the database is/);
    assert.doesNotMatch(r.stdout, SGR);
    assert.equal(await marker(), false);
    assert.deepEqual((await applied()).includes(sleepy), false);
  });

  test('upgrade --json, no spinner: exit 130 and one JSON document saying interrupted', async () => {
    const r = await interrupted(['upgrade', '--json'], {});
    const json = r.stdout.slice(r.stdout.indexOf('{'), r.stdout.lastIndexOf('}') + 1).replace(/\r\n/g, '\n');
    assert.equal(JSON.parse(json).error.code, 'interrupted');
    assert.equal(await marker(), false);
  });

  // Whether the slow statement runs in the preview or under the spinner, Ctrl-C must stop it.
  test('downgrade (NO_COLOR): exit 130, the migration still applied, its table still there', async () => {
    await adminQuery(db.url, 'CREATE TABLE sleepy_marker (id int)');
    assert.equal((await cli('stamp', sleepy)).code, 0);
    const r = await interrupted(['downgrade'], { NO_COLOR: '1' });
    assert.match(r.stdout, /error: interrupted\./);
    assert.doesNotMatch(r.stdout, SGR);
    assert.equal(await marker(), true);
    assert.equal((await applied()).at(-1), sleepy);
  });

  test('control: on a terminal without --no-color or NO_COLOR there is colour, so the checks above can fail', async () => {
    const r = await runInTerminal(['status', '--quick'], { cwd: project.dir, env: { ...env(), NO_COLOR: undefined }, prompt: /$^/, keys: '' });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, SGR);
  });
});
