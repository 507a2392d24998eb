import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { seededRandom } from '../support/fault-trials';
import { FIXTURES } from '../support/fixture-project';
import { BIN, ROOT, runCli } from '../support/run-cli';
import { hasScript, runInTerminal } from '../support/run-in-terminal';
import { adminQuery, createScratchDatabase, testTargets, withDatabase, type ScratchDatabase } from '../support/test-cluster';

const basic = join(FIXTURES, 'runner', 'basic');
const MIGRATIONS = ['CreateItems1700000000001', 'AddItemPrice1700000000002', 'CreateTags1700000000003', 'IndexTagLabel1700000000004'];

interface FleetJson {
  readonly targets: readonly { target: string; status: string; applied?: string[]; current?: string | null; pending?: number; clean?: boolean; drift?: string[]; error?: { code: string } }[];
  readonly ok: number;
  readonly failed: number;
  readonly skipped: number;
  readonly complete: boolean;
}

/** Every migration applied exactly once, recorded once, and no advisory lock left behind. */
async function atHeadOnce(db: ScratchDatabase): Promise<void> {
  const ledger = await adminQuery<{ name: string; n: number }>(db.url, 'SELECT name, count(*)::int AS n FROM runner_ledger GROUP BY name ORDER BY name');
  assert.deepEqual(ledger.map((r) => [r.name, r.n]), [...MIGRATIONS].sort().map((m) => [m, 1]), `${db.name}: each migration ran once`);
  const history = await adminQuery<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM migrations');
  assert.equal(history[0].n, MIGRATIONS.length, `${db.name}: each migration recorded once`);
  const locks = await adminQuery<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = current_database()`);
  assert.equal(locks[0].n, 0, `${db.name}: no migration lock left`);
}

function targetsFile(dir: string, name: string, lines: readonly string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `# tenants\n\n${lines.join('\n')}\n`);
  return file;
}

/** A password in a URL must never reach any output. */
function assertMasked(output: string, dbs: readonly ScratchDatabase[]): void {
  for (const db of dbs) {
    const password = new URL(db.url).password;
    if (password) assert.ok(!output.includes(decodeURIComponent(password)), 'a target password was printed');
  }
}

for (const server of testTargets()) {
  describe(`db-manage fleet (${server.name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbm-fleet-'));
    const dbs: ScratchDatabase[] = [];
    const make = async (count: number, label: string) => {
      const made: ScratchDatabase[] = [];
      for (let i = 0; i < count; i++) made.push(await createScratchDatabase(server, `fleet_${label}_${i}`));
      dbs.push(...made);
      return made;
    };
    let fleet: ScratchDatabase[];
    let file: string;
    before(async () => {
      fleet = await make(21, 'f');
      file = targetsFile(dir, 'tenants.txt', fleet.map((db, i) => (i % 5 === 0 ? `${db.url}   # tenant ${i}` : db.url)));
    });
    after(async () => {
      for (const db of dbs) await db.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('upgrade brings 21 databases to head, 4 at a time, each migration once, and says so per target', async () => {
      const r = await runCli(['fleet', 'upgrade', '--targets', file, '--json'], { cwd: basic });
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout) as FleetJson;
      assert.deepEqual([report.targets.length, report.ok, report.failed, report.skipped, report.complete], [21, 21, 0, 0, true]);
      for (const t of report.targets) assert.deepEqual(t.applied, MIGRATIONS);
      for (const db of fleet) await atHeadOnce(db);
      assertMasked(r.stdout + r.stderr, fleet);
      const human = await runCli(['fleet', 'upgrade', '--targets', file], { cwd: basic });
      assert.equal(human.code, 0, human.stderr);
      assert.equal(human.stdout.match(/nothing pending/g)?.length, 21, human.stdout);
      assert.match(human.stdout, /upgrade: 21 targets, 21 ok, 0 failed, 0 skipped/);
      // The table above the counts: where the targets are.
      assert.match(human.stdout, new RegExp(`\\n  at ${MIGRATIONS[3]}  21 targets\\nupgrade: 21 targets`));
    });

    test('status --targets - reads standard input and lists every target with its head and pending count', async () => {
      const r = await runCli(['fleet', 'status', '--targets', '-', '--json'], { cwd: basic, input: fleet.map((db) => db.url).join('\n') });
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout) as FleetJson;
      assert.equal(report.targets.length, 21);
      for (const t of report.targets) assert.deepEqual([t.status, t.current, t.pending], ['ok', MIGRATIONS[3], 0]);
      assertMasked(r.stdout + r.stderr, fleet);
    });

    test('shards: 3 jobs with --shard I/3 cover the fleet exactly once (reordering is checked in test/unit/fleet)', async () => {
      const seen: string[] = [];
      for (let i = 1; i <= 3; i++) {
        const r = await runCli(['fleet', 'status', '--targets', file, '--shard', `${i}/3`, '--json'], { cwd: basic });
        assert.equal(r.code, 0, r.stderr);
        seen.push(...(JSON.parse(r.stdout) as FleetJson).targets.map((t) => t.target));
      }
      assert.equal(seen.length, 21);
      assert.equal(new Set(seen).size, 21);
    });

    test('a tenant whose migration fails stops new ones from starting; --continue-on-error upgrades the others; exit 14 both times', async () => {
      const some = await make(5, 'e');
      const [broken] = await make(1, 'b');
      // The first migration creates "items": here it exists already, so that migration fails.
      await adminQuery(broken.url, 'CREATE TABLE items (id int)');
      const list = targetsFile(dir, 'failing.txt', [some[0].url, broken.url, ...some.slice(1).map((d) => d.url)]);
      const stop = await runCli(['fleet', 'upgrade', '--targets', list, '--concurrency', '1', '--json'], { cwd: basic });
      assert.equal(stop.code, 14, stop.stderr);
      const first = JSON.parse(stop.stdout) as FleetJson;
      assert.deepEqual(first.targets.map((t) => t.status), ['ok', 'failed', 'skipped', 'skipped', 'skipped', 'skipped']);
      assert.equal(first.targets[1].error?.code, 'migration-failed');
      const human = await runCli(['fleet', 'upgrade', '--targets', list, '--concurrency', '1', '--continue-on-error'], { cwd: basic });
      assert.equal(human.code, 14, human.stderr);
      assert.match(human.stdout, /✖ .*fleet_b_0\S* — failed: /);
      assert.match(human.stdout, /upgrade: 6 targets, 5 ok, 1 failed, 0 skipped/);
      assert.match(human.stdout, /\n  failed: migration-failed\s+1 target\n/);
      for (const db of some) await atHeadOnce(db);
      assertMasked(stop.stdout + stop.stderr + human.stdout + human.stderr, some);
    });

    test('a tenant that cannot be reached is reported and the others go on, without --continue-on-error', async () => {
      const some = await make(3, 'u');
      const missing = withDatabase(server.adminUrl, `dbm_fleet_missing_${process.pid}`);
      const list = targetsFile(dir, 'unreachable.txt', [missing, ...some.map((d) => d.url)]);
      const r = await runCli(['fleet', 'upgrade', '--targets', list, '--concurrency', '1', '--json'], { cwd: basic });
      assert.equal(r.code, 14, r.stderr);
      const report = JSON.parse(r.stdout) as FleetJson;
      assert.deepEqual(report.targets.map((t) => t.status), ['failed', 'ok', 'ok', 'ok']);
      assert.equal(report.targets[0].error?.code, 'database-missing');
      for (const db of some) await atHeadOnce(db);
    });

    test('a canary that fails stops the run before the rest start, even with --continue-on-error', async () => {
      const some = await make(3, 'c');
      const missing = withDatabase(server.adminUrl, `dbm_fleet_canary_${process.pid}`);
      const list = targetsFile(dir, 'canary.txt', [missing, ...some.map((d) => d.url)]);
      const r = await runCli(['fleet', 'upgrade', '--targets', list, '--canary', '1', '--continue-on-error', '--json'], { cwd: basic });
      assert.equal(r.code, 14, r.stderr);
      assert.deepEqual((JSON.parse(r.stdout) as FleetJson).targets.map((t) => t.status), ['failed', 'skipped', 'skipped', 'skipped']);
      const history = await adminQuery<{ n: number }>(some[0].url, `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'migrations'`);
      assert.equal(history[0].n, 0, 'nothing ran on the tenants after the canary');
    });

    test('kill -9 at a random moment, then the same command again: every migration applied once on every tenant', async () => {
      // npm test: 2 trials a server; with FAULTS_FULL=1 (the fault suite's full counts), 20.
      const trials = process.env.FAULTS_FULL ? 20 : 2;
      const random = seededRandom(Number(process.env.FLEET_SEED ?? server.name.length * 7919));
      for (let trial = 0; trial < trials; trial++) {
        const some = await make(8, `k${trial}`);
        const list = targetsFile(dir, `kill-${trial}.txt`, some.map((d) => d.url));
        const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
        delete env.DATABASE_URL;
        const child = spawn(process.execPath, [BIN, 'fleet', 'upgrade', '--targets', list, '--concurrency', '3'], { cwd: basic, env, stdio: 'ignore' });
        const closed = new Promise((r) => child.once('close', r));
        // Loading the project takes most of a second; the 8 tenants take one or two more.
        const delay = 600 + Math.floor(random() * 1500);
        await new Promise((r) => setTimeout(r, delay));
        child.kill('SIGKILL');
        await closed;
        const again = await runCli(['fleet', 'upgrade', '--targets', list, '--json'], { cwd: basic });
        assert.equal(again.code, 0, `after a kill at ${delay} ms: ${again.stdout}${again.stderr}`);
        for (const db of some) await atHeadOnce(db);
      }
    });

    test('on a terminal, one line changes in place: done, and what each running target applies', { skip: hasScript ? false : 'util-linux script is not installed' }, async () => {
      const some = await make(4, 't');
      const list = targetsFile(dir, 'tty.txt', some.map((d) => d.url));
      const r = await runInTerminal(['fleet', 'upgrade', '--targets', list, '--concurrency', '2'], { cwd: basic, prompt: /^/, keys: '' });
      assert.equal(r.code, 0, r.stdout);
      assert.match(r.stdout, /0 done · running: \S+/);
      assert.match(r.stdout, /running: [^\n]*\(apply (CreateItems|AddItemPrice|CreateTags|IndexTagLabel)\d+\)/);
      assert.equal(r.stdout.match(/✔ [^\n]* — applied /g)?.length, 4, r.stdout);
      assert.match(r.stdout, /upgrade: 4 targets, 4 ok, 0 failed, 0 skipped/);
      assertMasked(r.stdout, some);
      for (const db of some) await atHeadOnce(db);
    });

    test('check reports each tenant\'s drift and exits 1', async () => {
      const some = await make(3, 'd');
      const list = targetsFile(dir, 'drift.txt', some.map((d) => d.url));
      const r = await runCli(['fleet', 'check', '--targets', list, '--json'], { cwd: join(ROOT, 'test', 'fixtures', 'projects', 'phone') });
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout) as FleetJson;
      for (const t of report.targets) {
        assert.equal(t.clean, false);
        assert.ok((t.drift ?? []).some((d) => /create table/.test(d)), JSON.stringify(t));
      }
    });

    test('a bad line is refused with its line number before anything connects; schema targets in a project that is not schema per tenant are refused in one line', async () => {
      const bad = targetsFile(dir, 'bad.txt', [fleet[0].url, 'mysql://root@localhost/x']);
      const r = await runCli(['fleet', 'status', '--targets', bad], { cwd: basic });
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /bad\.txt line 4: not a postgres:\/\/ URL or schema=NAME/);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      const dup = targetsFile(dir, 'dup.txt', [fleet[0].url, fleet[0].url.replace(/^postgres:/, 'postgresql:')]);
      const d = await runCli(['fleet', 'status', '--targets', dup], { cwd: basic });
      assert.equal(d.code, 3, d.stderr);
      assert.match(d.stderr, /line 4: the same target as line 3/);
      const schemas = targetsFile(dir, 'schemas.txt', ['schema=tenant_a']);
      const s = await runCli(['fleet', 'upgrade', '--targets', schemas], { cwd: basic });
      assert.equal(s.code, 3, s.stderr);
      assert.match(s.stderr, /schema=tenant_a: this project is not schema per tenant/);
      const none = await runCli(['fleet', 'upgrade', '--targets', join(dir, 'nope.txt')], { cwd: basic });
      assert.equal(none.code, 3, none.stderr);
      assert.match(none.stderr, /cannot read the targets from .*nope\.txt/);
    });
  });
}
