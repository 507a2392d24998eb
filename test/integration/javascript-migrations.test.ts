import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import type { DataSource } from 'typeorm';
import { migrate, revision } from '../../src/api';
import { ROOT } from '../support/run-cli';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../support/test-cluster';

/** An EntitySchema entity, as a JavaScript project without a compiler writes one. */
const ENTITY = `new EntitySchema({ name: 'Note', tableName: 'notes', columns: { id: { type: 'int', primary: true, generated: 'increment' }, body: { type: 'text' } } })`;

function project(kind: 'cjs' | 'esm', server: string): string {
  // A folder per server too: node caches a module by its path.
  const dir = join(ROOT, '.db-manage', 'js-projects', `${kind}-${server}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'migrations'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `js-${kind}`, private: true, ...(kind === 'esm' ? { type: 'module' } : {}) }));
  const source =
    kind === 'cjs'
      ? `const { DataSource, EntitySchema } = require('typeorm');\nmodule.exports = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: [${ENTITY}], migrations: [__dirname + '/migrations/*.js'] });\n`
      : `import { DataSource, EntitySchema } from 'typeorm';\nimport { fileURLToPath } from 'node:url';\nconst here = fileURLToPath(new URL('.', import.meta.url));\nexport default new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: [${ENTITY}], migrations: [here + 'migrations/*.js'] });\n`;
  writeFileSync(join(dir, 'data-source.js'), source);
  return dir;
}

for (const target of testTargets()) {
  describe(`a JavaScript project gets JavaScript migrations that TypeORM itself runs (${target.name})`, () => {
    const dbs: ScratchDatabase[] = [];
    const dirs: string[] = [];
    after(async () => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
      await Promise.all(dbs.map((d) => d.drop()));
    });

    for (const kind of ['cjs', 'esm'] as const) {
      test(`${kind}: migrate and revision write .js; dataSource.runMigrations() applies them without ts-node`, async () => {
        const db = await createScratchDatabase(target, `js_${kind}`);
        dbs.push(db);
        const dir = project(kind, target.name);
        dirs.push(dir);
        const options = { cwd: dir, datasource: 'data-source.js', env: apiEnv(db) };
        const made = await migrate({ ...options, message: 'Create notes' });
        assert.ok(made.file?.endsWith('-CreateNotes.js'), String(made.file));
        const text = readFileSync(made.file!, 'utf8');
        assert.doesNotMatch(text, /import type|: QueryRunner|implements/);
        assert.match(text, kind === 'cjs' ? /module\.exports = \{ CreateNotes\d+ \};/ : /^export class CreateNotes\d+ \{/m);
        const hand = await revision({ ...options, message: 'Backfill' });
        assert.ok(hand.file.endsWith('-Backfill.js'));
        assert.deepEqual(readdirSync(join(dir, 'migrations')).filter((f) => !f.endsWith('.js')), []);
        // The application's own TypeORM, no db-manage loader: the way `typeorm migration:run` runs them.
        process.env.DATABASE_URL = db.url;
        const file = join(dir, 'data-source.js');
        // A real import(): TypeScript would compile a dynamic import in this CommonJS test to require().
        const esmImport = new Function('url', 'return import(url)') as (url: string) => Promise<{ default: DataSource }>;
        // A fresh copy of the module: db-manage loaded it in this process before DATABASE_URL was set.
        delete require.cache[file];
        const loaded = (kind === 'cjs' ? require(file) : (await esmImport(`${pathToFileURL(file).href}?typeorm`)).default) as DataSource;
        await loaded.initialize();
        try {
          const ran = await loaded.runMigrations();
          assert.equal(ran.length, 2);
        } finally {
          await loaded.destroy();
          delete process.env.DATABASE_URL;
        }
        assert.deepEqual(await adminQuery(db.url, `SELECT to_regclass('public.notes') IS NOT NULL AS made`), [{ made: true }]);
      });
    }
  });
}
