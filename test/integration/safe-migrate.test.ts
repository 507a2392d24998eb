import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { check, isDbManageError, migrate, upgrade, type OperationSummary, type RenameQuestion } from '../../src/api';
import { copyFixture } from '../support/scenarios';
import { ROOT } from '../support/run-cli';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

/** The API side of safe migrations: the two callbacks, and a diff split into two migrations. */
for (const target of testTargets()) {
  describe(`migrate's questions and the concurrent split on the ${target.name} server`, () => {
    let db: ScratchDatabase;
    let project: { dir: string; remove: () => void };
    const options = () => ({ cwd: project.dir, env: apiEnv(db) });
    const files = () => readdirSync(join(project.dir, 'src', 'migrations')).sort();
    /** Edits an entity; the project's modules are forgotten so the next call loads the edit. */
    const edit = (entity: string, from: string, to: string) => {
      const file = join(project.dir, 'src', 'entities', entity);
      const text = readFileSync(file, 'utf8');
      assert.ok(text.includes(from), from);
      writeFileSync(file, text.replace(from, to));
      for (const key of Object.keys(require.cache)) if (key.startsWith(project.dir)) delete require.cache[key];
    };

    before(async () => {
      db = await createScratchDatabase(target, 'safe_migrate');
      project = copyFixture(join(ROOT, 'test', 'fixtures', 'projects', 'blog'), `safe-migrate-${target.name}`);
      await migrate({ ...options(), message: 'Initial' });
      await upgrade(options());
      await adminQuery(db.url, `INSERT INTO users (username, email) VALUES ('ada', 'ada@example.com')`);
    });
    after(async () => {
      project.remove();
      await db.drop();
    });

    test('confirmRename is asked with the --rename value that answers it; "no" then data loss, declined, aborts with nothing written', async () => {
      edit('user.ts', '  username: string;', '  handle: string;');
      const asked: RenameQuestion[] = [];
      const losses: OperationSummary[][] = [];
      const before = files();
      await assert.rejects(
        migrate({
          ...options(),
          message: 'Rename username',
          confirmRename: async (q) => (asked.push(q), false),
          confirmDataLoss: async (ops) => (losses.push([...ops]), false),
        }),
        (e: unknown) => isDbManageError(e) && e.code === 'aborted',
      );
      assert.deepEqual(asked, [
        { kind: 'column', from: 'public.users.username', to: 'public.users.handle', fromType: 'character varying(80)', toType: 'character varying(80)', option: 'users.username:handle' },
      ]);
      assert.deepEqual(losses[0].map((o) => o.destructive), ['drops column public.users.username and its values']);
      assert.deepEqual(files(), before);
    });

    test('a yes to the rename question renames; the data stays', async () => {
      const report = await migrate({ ...options(), message: 'Rename username', confirmRename: async () => true });
      assert.deepEqual(report.renames, [{ kind: 'column', from: 'public.users.username', to: 'public.users.handle' }]);
      assert.deepEqual(report.lint.map((v) => v.code), ['renaming-column']);
      await upgrade(options());
      assert.deepEqual(await adminQuery(db.url, 'SELECT handle FROM users'), [{ handle: 'ada' }]);
    });

    test('a new column and an index on an existing table: two migrations, the index one after and outside a transaction', async () => {
      edit('post.ts', "import { Column, Entity,", "import { Column, Entity, Index,");
      edit('post.ts', '  summary: string | null;\n', "  summary: string | null;\n\n  @Index()\n  @Column({ type: 'int', nullable: true })\n  rank: number | null;\n");
      const report = await migrate({ ...options(), message: 'Rank posts', lockTimeout: '2s' });
      assert.deepEqual(report.migrations.map((m) => [m.className.replace(/\d+$/, ''), m.transaction, m.operations.map((o) => o.kind)]), [
        ['RankPosts', true, ['add-column']],
        ['RankPostsConcurrently', false, ['create-index']],
      ]);
      assert.deepEqual(report.lint, []);
      const [main, concurrent] = report.migrations.map((m) => readFileSync(m.file as string, 'utf8'));
      assert.match(main, /SET LOCAL lock_timeout = '2s'/);
      assert.match(concurrent, /transaction = false;[\s\S]*CREATE INDEX CONCURRENTLY/);
      const applied = await upgrade(options());
      assert.deepEqual(applied.applied.map((s) => s.transaction), [true, false]);
      assert.ok((await check(options())).clean);
    });

    test('an invalid lock timeout is refused before anything is read', async () => {
      await assert.rejects(migrate({ ...options(), message: 'x', lockTimeout: '0' }), (e: unknown) => isDbManageError(e) && e.code === 'config-invalid');
    });
  });
}
