import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { seededRandom } from '../support/fault-trials';
import { BIN, ROOT, runCli } from '../support/run-cli';
import { copyFixture } from '../support/scenarios';
import { createScratchDatabase, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

const isRoot = process.getuid?.() === 0;

/** A message of `bytes` random words: a file name made from it is longer than any file system allows. */
function longMessage(bytes: number, seed: number): string {
  const random = seededRandom(seed);
  const words: string[] = [];
  while (words.join(' ').length < bytes) words.push(Array.from({ length: 3 + Math.floor(random() * 8) }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join(''));
  return words.join(' ');
}

/** The CLI as an ordinary user ("nobody"), as a developer without write access runs it. */
function asNobody(args: string[], cwd: string, env: Record<string, string | undefined>) {
  const full: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: '/nonexistent', NO_COLOR: '1' };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) full[k] = v;
  return spawnSync(process.execPath, [BIN, ...args], { cwd, env: full, uid: 65534, gid: 65534, encoding: 'utf8' });
}

function oneErrorLine(stderr: string): void {
  const lines = stderr.trim().split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, stderr);
  assert.doesNotMatch(stderr, /internal error|\n\s+at /);
}

for (const target of testTargets()) {
  describe(`file-system errors are typed lines (${target.name})`, () => {
    let db: ScratchDatabase;
    let project: { dir: string; remove: () => void };
    const migrations = () => join(project.dir, 'src', 'migrations');
    const written = () => (existsSync(migrations()) ? readdirSync(migrations()) : []);

    before(async () => {
      db = await createScratchDatabase(target, 'cli_oserr');
      project = copyFixture(join(ROOT, 'test', 'fixtures', 'projects', 'phone'), `cli-oserr-${target.name}`);
    });
    after(async () => {
      spawnSync('chmod', ['-R', 'u+w', project.dir]);
      project.remove();
      await db.drop();
    });

    test('a migration message too long for a file name is a usage error and writes nothing (H16)', async () => {
      const message = longMessage(300 + (target.name === 'embedded' ? 17 : 91), target.name.length);
      const r = await runCli(['migrate', message], { cwd: project.dir, env: targetEnv(db) });
      assert.equal(r.code, 2, r.stderr);
      oneErrorLine(r.stderr);
      assert.match(r.stderr, /file name too long .*shorter message/);
      assert.deepEqual(written(), []);
    });

    test('a read-only project folder: migrate says it cannot write, the embedded server says whose folder it is (H16)', { skip: !isRoot && 'needs root to act as another user' }, async () => {
      spawnSync('chmod', ['-R', 'a+rX,a-w', project.dir]);
      for (let d = project.dir; d !== ROOT; d = join(d, '..')) chmodSync(d, 0o755);
      chmodSync(project.dir, 0o555);
      const viaUrl = asNobody(['migrate', 'Initial'], project.dir, { DATABASE_URL: db.url });
      assert.equal(viaUrl.status, 11, viaUrl.stderr);
      oneErrorLine(viaUrl.stderr);
      assert.match(viaUrl.stderr, /cannot write .*permission denied/);
      assert.deepEqual(written(), []);
      // No DATABASE_URL: the embedded server would live in the project's own .db-manage folder.
      const embedded = asNobody(['status'], project.dir, {});
      assert.notEqual(embedded.status, 70, embedded.stderr);
      assert.notEqual(embedded.status, 0, embedded.stderr);
      oneErrorLine(embedded.stderr);
      assert.match(embedded.stderr, /permission denied/);
    });
  });
}

test('as root with DB_MANAGE_PG_RUN_AS=account, a 0700 folder above the server is one line naming it, and no folder is opened or created (H11)', { skip: !isRoot && 'needs root' }, async () => {
  const top = mkdtempSync(join(tmpdir(), 'dbm-closed-'));
  try {
    const closed = join(top, 'home');
    mkdirSync(closed, { mode: 0o700 });
    chmodSync(top, 0o755);
    const pgDir = join(closed, 'pg', 'server');
    const r = await runCli(['status'], { env: { DB_MANAGE_PG_DIR: pgDir, DB_MANAGE_PG_RUN_AS: 'account', DB_MANAGE_PG_PORT: '54398' } });
    assert.equal(r.code, 5, r.stderr);
    oneErrorLine(r.stderr);
    assert.match(r.stderr, new RegExp(`cannot pass through ${closed}\\. .*chmod o\\+x ${closed}`));
    assert.equal(statSync(closed).mode & 0o777, 0o700);
    assert.equal(existsSync(join(closed, 'pg')), false);
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});
