import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, runCli } from '../support/run-cli';
import { copyFixture, fingerprint } from '../support/scenarios';
import { createScratchDatabase, targetEnv, testTargets, type ScratchDatabase } from '../support/test-cluster';

/** Two classes on one table that disagree on a column's type: refused, nothing written. */
const CONFLICT = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('ledger_entries')
export class LedgerEntry {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'numeric', precision: 12, scale: 2 }) amount: string;
}

@Entity('ledger_entries')
export class LedgerLine {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) amount: number;
}
`;

/** A name PostgreSQL cuts: 25 Hangul syllables, 75 bytes. */
const LONG = '고객주문배송추적관리를위한상세기록보관용테이블이름';
const LONG_TABLE = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('${LONG}')
export class Archive {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'text', name: 'summary_of_every_change_made_by_the_warehouse_staff_during_the_night_shift' }) summary: string;
}
`;

for (const target of testTargets()) {
  describe(`declarations the diff must refuse or report (${target.name})`, () => {
    let db: ScratchDatabase;
    let project: { dir: string; remove: () => void };
    const migrations = () => join(project.dir, 'src', 'migrations');
    const files = () => (existsSync(migrations()) ? readdirSync(migrations()).sort() : []);
    const cli = (...args: string[]) => runCli(args, { cwd: project.dir, env: targetEnv(db) });
    const entity = (name: string) => join(project.dir, 'src', 'entities', name);

    before(async () => {
      db = await createScratchDatabase(target, 'cli_declarations');
      project = copyFixture(join(ROOT, 'test', 'fixtures', 'projects', 'phone'), `cli-declarations-${target.name}`);
    });
    after(async () => {
      project.remove();
      await db.drop();
    });

    test('one table declared twice, differently: one line naming the table and both classes, exit 3, nothing written', async () => {
      writeFileSync(entity('ledger.ts'), CONFLICT);
      const catalog = await fingerprint(db.url);
      for (const command of [['migrate', 'Ledger'], ['check']]) {
        const r = await cli(...command);
        assert.equal(r.code, 3, `${command[0]}: ${r.stdout}${r.stderr}`);
        const lines = r.stderr.trim().split('\n').filter((l) => !/^\s*(hint|→)/i.test(l));
        assert.match(lines[0], /table public\.ledger_entries is declared by LedgerEntry and by LedgerLine, which disagree: column "amount" differs/);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      }
      assert.deepEqual(files(), []);
      assert.equal(await fingerprint(db.url), catalog, 'the database as it was');
      rmSync(entity('ledger.ts'));
    });

    test('a name longer than 63 bytes: migrate says what PostgreSQL will store, and check then converges', async () => {
      writeFileSync(entity('archive.ts'), LONG_TABLE);
      const r = await cli('migrate', 'Archive');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`warning: table name "${LONG}" is 75 bytes; PostgreSQL keeps 63 and stores it as "${LONG.slice(0, 21)}"`));
      assert.match(r.stderr, /warning: column name "summary_of_every_change_made_by_the_warehouse_staff_during_the_night_shift" is 74 bytes/);
      assert.equal((await cli('upgrade')).code, 0);
      const check = await cli('check');
      assert.equal(check.code, 0, check.stdout + check.stderr);
      const again = await cli('migrate', 'Again');
      assert.equal(again.code, 0);
      assert.doesNotMatch(again.stderr, /warning: table name/, 'a name created earlier is not reported again');
    });
  });
}
