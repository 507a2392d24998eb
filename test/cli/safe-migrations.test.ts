import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyFixture } from '../support/scenarios';
import { hasScript, runInTerminal } from '../support/run-in-terminal';
import { ROOT, runCli } from '../support/run-cli';
import { adminQuery, createScratchDatabase, embeddedTarget, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

/** The Done-when of safe migrations: renames, a length change, a refused drop, a concurrent index, production lint. */
for (const target of testTargets()) {
  describe(`safe migrations (${target.name})`, () => {
    let db: ScratchDatabase;
    let project: { dir: string; remove: () => void };
    const migrations = () => join(project.dir, 'src', 'migrations');
    const files = () => readdirSync(migrations()).sort();
    const cli = (...args: string[]) => runCli(args, { cwd: project.dir, env: targetEnv(db) });
    const edit = (entity: string, from: string | RegExp, to: string) => {
      const file = join(project.dir, 'src', 'entities', entity);
      const text = readFileSync(file, 'utf8');
      assert.ok(typeof from === 'string' ? text.includes(from) : from.test(text), `${entity} contains ${from}`);
      writeFileSync(file, text.replace(from, to));
    };
    /** Runs migrate, expects exactly one new file, returns its source. */
    const generate = async (...args: string[]) => {
      const before = files();
      const r = await cli('migrate', ...args);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const added = files().filter((f) => !before.includes(f));
      assert.equal(added.length, 1, added.join(', '));
      return readFileSync(join(migrations(), added[0]), 'utf8');
    };
    const upgrade = async (env: Record<string, string> = {}, ...args: string[]) => {
      const r = await runCli(['upgrade', ...args], { cwd: project.dir, env: { ...targetEnv(db), ...env } });
      return r;
    };
    const clean = async () => {
      const r = await cli('check');
      assert.equal(r.code, 0, r.stdout + r.stderr);
    };

    before(async () => {
      db = await createScratchDatabase(target, 'cli_safe');
      project = copyFixture(join(ROOT, 'test', 'fixtures', 'projects', 'blog'), `cli-safe-${target.name}`);
      assert.equal((await cli('migrate', 'Initial')).code, 0);
      assert.equal((await upgrade()).code, 0);
      await adminQuery(db.url, `INSERT INTO users (username, email) VALUES ('ada', 'ada@example.com')`);
      await adminQuery(db.url, `INSERT INTO posts (title, summary, "authorId") SELECT 'Hello', 'The first post', id FROM users`);
    });
    after(async () => {
      project.remove();
      await db.drop();
    });

    test('a possible rename without --rename and without a TTY is refused as data loss, naming --rename', async () => {
      edit('user.ts', '  username: string;', '  handle: string;');
      const before = files();
      const r = await cli('migrate', 'Rename username');
      assert.equal(r.code, 9, r.stderr);
      assert.match(r.stderr, /would lose data: drops column public\.users\.username/);
      assert.match(r.stderr, /--rename users\.username:handle/);
      assert.deepEqual(files(), before, 'nothing written');
    });

    test('--rename users.username:handle generates RENAME COLUMN, and after upgrade the data is still there', async () => {
      const source = await generate('Rename username', '--rename', 'users.username:handle');
      assert.match(source, /ALTER TABLE "public"\."users" RENAME COLUMN "username" TO "handle"/);
      assert.doesNotMatch(source, /DROP COLUMN|ADD COLUMN|DATA LOSS/);
      assert.equal((await upgrade()).code, 0);
      assert.deepEqual(await adminQuery(db.url, 'SELECT handle FROM users'), [{ handle: 'ada' }]);
      await clean();
    });

    test('varchar(200) → varchar(300) is ALTER COLUMN … TYPE … USING, and keeps the data', async () => {
      edit('post.ts', 'length: 200', 'length: 300');
      const source = await generate('Longer titles');
      const [up] = source.split('public async down');
      assert.match(up, /ALTER TABLE "public"\."posts" ALTER COLUMN "title" TYPE character varying\(300\) USING "title"::character varying`/);
      assert.doesNotMatch(up, /DROP COLUMN|ADD COLUMN|DATA LOSS/);
      assert.equal((await upgrade()).code, 0);
      assert.deepEqual(await adminQuery(db.url, 'SELECT title, format_type(atttypid, atttypmod) AS type FROM posts, pg_attribute WHERE attrelid = \'posts\'::regclass AND attname = \'title\''), [
        { title: 'Hello', type: 'character varying(300)' },
      ]);
      await clean();
    });

    test('dropping a column without --allow-data-loss and without a TTY is refused; with it, the file marks the loss', async () => {
      edit('post.ts', /\n  @Column\(\{ type: 'text', nullable: true \}\)\n  summary: string \| null;\n/, '\n');
      const before = files();
      const refused = await cli('migrate', 'Drop summary', '--json');
      assert.equal(refused.code, 9);
      assert.equal(JSON.parse(refused.stdout).error.code, 'data-loss-refused');
      assert.deepEqual(files(), before, 'nothing written');
      const source = await generate('Drop summary', '--allow-data-loss');
      assert.match(source, /\/\/ DATA LOSS: drops column public\.posts\.summary and its values\n\s+await queryRunner\.query\(`ALTER TABLE "public"\."posts" DROP COLUMN "summary"`\)/);
      assert.equal((await upgrade()).code, 0);
      await clean();
    });

    test('an index on posts is a CONCURRENTLY migration with transaction = false that applies cleanly', async () => {
      edit('post.ts', "import { Column, Entity,", "import { Column, Entity, Index,");
      edit('post.ts', "  @Column({ type: 'varchar', length: 300 })", "  @Index()\n  @Column({ type: 'varchar', length: 300 })");
      const source = await generate('Index post titles');
      const [up, down] = source.split('public async down');
      assert.match(up, /\n  transaction = false;\n/);
      assert.match(up, /CREATE INDEX CONCURRENTLY "IDX_\w+" ON "public"\."posts" \("title"\)/);
      assert.doesNotMatch(up, /SET (LOCAL )?lock_timeout/, 'a lock_timeout would abort the build while it waits for old transactions');
      assert.match(down, /DROP INDEX CONCURRENTLY IF EXISTS "public"\."IDX_\w+"/);
      const lint = await cli('lint', '--json');
      assert.equal(lint.code, 0, lint.stdout);
      assert.deepEqual(JSON.parse(lint.stdout).violations, []);
      const r = await upgrade();
      assert.equal(r.code, 0, r.stderr);
      const indexes = await adminQuery<{ valid: boolean }>(db.url, `SELECT indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE indrelid = 'posts'::regclass AND c.relname LIKE 'IDX_%'`);
      assert.deepEqual(indexes, [{ valid: true }]);
      await clean();
      assert.equal((await cli('downgrade', '--yes', '--no-snapshot')).code, 0, 'DROP INDEX CONCURRENTLY runs outside a transaction too');
      assert.equal((await upgrade()).code, 0);
    });

    test('a column and its index make two files, and migrate says how to revert both', async () => {
      edit('post.ts', '  @Index()\n', '');
      edit('post.ts', "  @Column({ type: 'varchar', length: 300 })", "  @Index()\n  @Column({ type: 'int', nullable: true })\n  rank: number | null;\n\n  @Column({ type: 'varchar', length: 300 })");
      const r = await cli('migrate', 'Rank posts');
      assert.equal(r.code, 0, r.stderr);
      assert.equal((r.stdout.match(/Wrote /g) ?? []).length, 2, r.stdout);
      assert.match(r.stdout, /Review them, then run npx db-manage upgrade; npx db-manage downgrade -2 reverts both/);
      assert.equal((await upgrade()).code, 0);
      await clean();
    });

    test('in production, upgrade lints first: an error-level finding refuses (lint-failed) and --force applies', async () => {
      writeFileSync(
        join(migrations(), '1900000000000-TitleNotNull.ts'),
        [
          `import type { MigrationInterface, QueryRunner } from 'typeorm';`,
          `export class TitleNotNull1900000000000 implements MigrationInterface {`,
          `  async up(queryRunner: QueryRunner): Promise<void> {`,
          `    await queryRunner.query('ALTER TABLE "posts" ALTER COLUMN "title" SET NOT NULL');`,
          `  }`,
          `  async down(): Promise<void> {}`,
          `}`,
          '',
        ].join('\n'),
      );
      const refused = await upgrade({ NODE_ENV: 'production' });
      assert.equal(refused.code, 1, refused.stderr);
      assert.match(refused.stderr, /upgrade refused in production: 1 lint error .*\[setting-not-null\] in TitleNotNull1900000000000/);
      assert.match(refused.stderr, /--force/);
      const pending = await cli('current', '--json');
      assert.equal(JSON.parse(pending.stdout).pending, 1, 'nothing applied');
      const forced = await upgrade({ NODE_ENV: 'production' }, '--force');
      assert.equal(forced.code, 0, forced.stderr);
      assert.match(forced.stderr, /warning: \[setting-not-null\]/);
    });
  });
}

describe('the rename question on a terminal', { skip: hasScript ? false : 'util-linux script is not installed' }, () => {
  const target = embeddedTarget();
  let db: ScratchDatabase;
  let project: { dir: string; remove: () => void };

  before(async () => {
    db = await createScratchDatabase(target, 'cli_safe_tty');
    project = copyFixture(join(ROOT, 'test', 'fixtures', 'projects', 'blog'), 'cli-safe-tty');
    const env = targetEnv(db);
    assert.equal((await runCli(['migrate', 'Initial'], { cwd: project.dir, env })).code, 0);
    assert.equal((await runCli(['upgrade'], { cwd: project.dir, env })).code, 0);
  });
  after(async () => {
    project.remove();
    await db.drop();
  });

  test('"Did you rename …?" answered yes writes RENAME COLUMN', async () => {
    const entity = join(project.dir, 'src', 'entities', 'user.ts');
    writeFileSync(entity, readFileSync(entity, 'utf8').replace('  username: string;', '  handle: string;'));
    const r = await runInTerminal(['migrate', 'Rename username', '-d', join(project.dir, 'ormconfig.ts')], {
      env: targetEnv(db),
      prompt: /Did you rename public\.users\.username \(character varying\(80\)\) to handle \(character varying\(80\)\)\?.*: /,
      keys: 'yes\r',
    });
    assert.equal(r.code, 0, r.stdout);
    const [file] = readdirSync(join(project.dir, 'src', 'migrations')).filter((f) => f.endsWith('-RenameUsername.ts'));
    assert.match(readFileSync(join(project.dir, 'src', 'migrations', file), 'utf8'), /RENAME COLUMN "username" TO "handle"/);
  });

  test('data loss on a terminal lists the loss and asks; anything but yes writes nothing', async () => {
    assert.equal((await runCli(['upgrade'], { cwd: project.dir, env: targetEnv(db) })).code, 0);
    const entity = join(project.dir, 'src', 'entities', 'post.ts');
    writeFileSync(entity, readFileSync(entity, 'utf8').replace(/\n  @Column\(\{ type: 'text', nullable: true \}\)\n  summary: string \| null;\n/, '\n'));
    const before = readdirSync(join(project.dir, 'src', 'migrations'));
    const args = ['migrate', 'Drop summary', '-d', join(project.dir, 'ormconfig.ts')];
    const prompt = /Type yes to write it anyway: /;
    const declined = await runInTerminal(args, { env: targetEnv(db), prompt, keys: 'y\r' });
    assert.match(declined.stdout, /drops column public\.posts\.summary and its values/);
    assert.equal(declined.code, 9);
    assert.deepEqual(readdirSync(join(project.dir, 'src', 'migrations')), before);
    const confirmed = await runInTerminal(args, { env: targetEnv(db), prompt, keys: 'yes\r' });
    assert.equal(confirmed.code, 0, confirmed.stdout);
    assert.equal(readdirSync(join(project.dir, 'src', 'migrations')).length, before.length + 1);
  });
});
