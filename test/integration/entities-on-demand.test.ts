import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { current, downgrade, history, upgrade } from '../../src/api';
import { ROOT } from '../support/run-cli';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('widgets')
export class Widget {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'text' })
  name!: string;
}
`;

const DATA_SOURCE = `import 'reflect-metadata';
import { DataSource } from 'typeorm';

export default new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: [\`\${__dirname}/entities/*.ts\`],
  migrations: [\`\${__dirname}/migrations/*.ts\`],
});
`;

const CREATE = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWidgets1795000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE "widgets" ("id" SERIAL PRIMARY KEY, "name" text NOT NULL)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "widgets"');
  }
}
`;

// A data migration through every way a migration reaches the entities: a class, a name, the connection.
const SEED = `import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Widget } from '../entities/widget';

export class SeedWidgets1795000000002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    if (q.connection.getMetadata('widgets').tableName !== 'widgets') throw new Error('no metadata');
    await q.manager.getRepository(Widget).save({ name: 'by class' });
    await q.manager.getRepository('Widget').save({ name: 'by name' });
  }
  async down(q: QueryRunner): Promise<void> {
    await q.manager.getRepository(Widget).createQueryBuilder().delete().execute();
  }
}
`;

let projects = 0;
function project(files: Record<string, string>): { dir: string; remove: () => void } {
  const dir = join(ROOT, '.db-manage', 'test-projects', `on-demand-${process.pid}-${projects++}`);
  rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of Object.entries({ 'data-source.ts': DATA_SOURCE, 'entities/widget.ts': ENTITY, ...files })) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const loaded = (dir: string) => Object.keys(require.cache).filter((f) => f.startsWith(join(dir, 'entities')));

for (const target of testTargets()) {
  describe(`entity metadata is built only when a migration asks for it (${target.name})`, () => {
    let db: ScratchDatabase;
    const made: { remove: () => void }[] = [];
    const api = (dir: string) => ({ cwd: dir, datasource: 'data-source.ts', env: { ...apiEnv(db), DATABASE_URL: db.url } });
    before(async () => {
      db = await createScratchDatabase(target, 'on_demand');
    });
    after(async () => {
      for (const p of made) p.remove();
      await db.drop();
    });

    test('upgrade with nothing to do, history and current never load the entities', async () => {
      // Applying asks whether TypeORM's metadata table is needed (generated columns, views), as TypeORM does.
      const first = project({ 'migrations/1795000000001-CreateWidgets.ts': CREATE });
      const again = project({ 'migrations/1795000000001-CreateWidgets.ts': CREATE });
      made.push(first, again);
      assert.equal((await upgrade(api(first.dir))).applied.length, 1);
      assert.equal((await upgrade(api(again.dir))).applied.length, 0);
      assert.equal((await history(api(again.dir))).migrations.length, 1);
      assert.equal((await current(api(again.dir))).pending, 0);
      assert.deepEqual(loaded(again.dir), []);
    });

    test('applying migrations loads no entities unless one names TypeORM\'s metadata table, which is then made as TypeORM makes it', async () => {
      const generated = ENTITY.replace(
        '  name!: string;\n',
        "  name!: string;\n\n  @Column({ type: 'text', generatedType: 'STORED', asExpression: 'upper(name)', nullable: true })\n  shout!: string | null;\n",
      );
      const plain = project({ 'entities/widget.ts': generated, 'migrations/1795000000001-CreateWidgets.ts': CREATE });
      made.push(plain);
      // A database of its own: the other tests build on this describe's history.
      const own = await createScratchDatabase(target, 'on_demand_meta');
      const ownApi = (dir: string) => ({ cwd: dir, datasource: 'data-source.ts', env: { ...apiEnv(own), DATABASE_URL: own.url } });
      const tables = () => adminQuery<{ t: string | null }>(own.url, `SELECT to_regclass('public.typeorm_metadata')::text AS t`);
      try {
        assert.equal((await upgrade(ownApi(plain.dir))).applied.length, 1);
        assert.deepEqual(loaded(plain.dir), [], 'no migration names typeorm_metadata: the entities are not loaded');
        assert.deepEqual(await tables(), [{ t: null }]);
        const RECORD = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecordShout1795000000003 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "widgets" ADD "shout" text GENERATED ALWAYS AS (upper(name)) STORED');
    await q.query(\`INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'widgets', 'GENERATED_COLUMN', 'shout', 'upper(name)')\`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(\`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'shout'\`);
    await q.query('ALTER TABLE "widgets" DROP COLUMN "shout"');
  }
}
`;
        const recording = project({ 'entities/widget.ts': generated, 'migrations/1795000000001-CreateWidgets.ts': CREATE, 'migrations/1795000000003-RecordShout.ts': RECORD });
        made.push(recording);
        assert.deepEqual((await upgrade(ownApi(recording.dir))).applied.map((m) => m.name), ['RecordShout1795000000003']);
        assert.deepEqual(await tables(), [{ t: 'typeorm_metadata' }]);
        await downgrade({ ...ownApi(recording.dir), steps: 1 });
      } finally {
        await own.drop();
      }
    });

    test('a migration that uses a repository, by class or by name, or the metadata gets them, and so does its down()', async () => {
      const p = project({ 'migrations/1795000000001-CreateWidgets.ts': CREATE, 'migrations/1795000000002-SeedWidgets.ts': SEED });
      made.push(p);
      const up = await upgrade(api(p.dir));
      assert.deepEqual(up.applied.map((m) => m.name), ['SeedWidgets1795000000002']);
      const rows = await adminQuery<{ name: string }>(db.url, 'SELECT name FROM widgets ORDER BY id');
      assert.deepEqual(rows.map((r) => r.name), ['by class', 'by name']);
      assert.ok(loaded(p.dir).length > 0);
      await downgrade({ ...api(p.dir), steps: 1 });
      assert.deepEqual(await adminQuery(db.url, 'SELECT name FROM widgets'), []);
    });
  });
}
