import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { downgrade, isDbManageError, lint, upgrade } from '../../../src/api';
import { OTHER_CONNECTION_NOTE } from '../../../src/engine/runner/sql-recorder';
import { databaseFingerprint } from '../../support/database-fingerprint';
import { seededRandom } from '../../support/fault-trials';
import { adminQuery, apiEnv, createScratchDatabase, testTargets, type ScratchDatabase } from '../../support/test-cluster';
import { WRITE_HANDLES, writeWritingMigration, writingProject, type WriteHandle, type WritingMigration } from '../../support/writing-migrations';

/**
 * H1: nothing a dry run does can write, whatever handle the migration reaches for. Each
 * handle TypeORM gives a migration writes every shape of write (raw SQL ones) or its own
 * entity writes, in a pending migration's `up` and an applied one's `down`; every dry
 * command must leave data, catalog and history exactly as they were, and either record
 * the write or refuse with a typed error. Nothing is hand-picked per cell: the matrix is
 * handles × commands.
 */
type DryCommand = 'lint' | 'upgrade --sql' | 'downgrade --sql';
const COMMANDS: readonly DryCommand[] = ['lint', 'upgrade --sql', 'downgrade --sql'];

function slug(handle: WriteHandle): string {
  return handle.name
    .split(/[^A-Za-z]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
    .slice(0, 40);
}

/**
 * Every handle on the embedded server; on the external one, unless FAULTS_FULL=1, one
 * random handle of each kind (through the runner or past it, raw SQL or entities): the
 * server version does not change which connection a handle takes.
 */
function handlesFor(server: string): readonly WriteHandle[] {
  if (server === 'embedded' || process.env.FAULTS_FULL === '1') return WRITE_HANDLES;
  const random = seededRandom(0x4831);
  const kinds = [true, false].flatMap((viaRunner) => [true, false].map((raw) => WRITE_HANDLES.filter((h) => h.viaRunner === viaRunner && h.raw === raw)));
  return kinds.map((kind) => kind[Math.floor(random() * kind.length)]);
}

/**
 * db-manage's sessions on the database once closing ones have gone: a backend leaves
 * pg_stat_activity a moment after its client's end() resolves (seen once under load), while a
 * session left open is still there two seconds later.
 */
async function sessionsAfterClose(url: string): Promise<number> {
  const count = async () =>
    (await adminQuery<{ n: number }>(url, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'db-manage'`))[0].n;
  for (let waited = 0; ; waited += 100) {
    const n = await count();
    if (n === 0 || waited >= 2000) return n;
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const target of testTargets()) {
  describe(`dry runs never write, whatever the handle (${target.name})`, () => {
    let db: ScratchDatabase;
    const project = writingProject();
    const options = () => ({ cwd: project.dir, env: apiEnv(db) });
    let stamp = 1760000001000;

    before(async () => {
      db = await createScratchDatabase(target, 'dry_handles');
      await upgrade(options());
    });
    after(async () => {
      await db.drop();
      project.remove();
    });

    for (const handle of handlesFor(target.name)) {
      describe(handle.name, () => {
        let pending: WritingMigration;
        let applied: WritingMigration;
        before(async () => {
          applied = writeWritingMigration(project.dir, stamp++, `RoDown${slug(handle)}`, 'down', [handle]);
          await upgrade(options());
          pending = writeWritingMigration(project.dir, stamp++, `RoUp${slug(handle)}`, 'up', [handle]);
        });
        after(async () => {
          project.forget(pending);
          project.forget(applied);
          await adminQuery(db.url, `DELETE FROM "migrations" WHERE "name" = $1`, [applied.name]);
          await adminQuery(db.url, `DELETE FROM "db_manage_checksums" WHERE "name" = $1`, [applied.name]);
        });

        // One fingerprint around all three commands: the database must be the same after every one.
        test(COMMANDS.join(', '), async () => {
          const before_ = await databaseFingerprint(db.url);
          for (const command of COMMANDS) {
            const outcome = await run(command).then(
              (value) => ({ value }),
              (error: unknown) => ({ error }),
            );
            assert.equal(await sessionsAfterClose(db.url), 0, `${command} left a session behind`);
            if ('error' in outcome) {
              assert.ok(isDbManageError(outcome.error), `${command}: not a typed error: ${String(outcome.error)}`);
              assert.equal(outcome.error.code, 'migration-failed', command);
              assert.doesNotMatch(outcome.error.message, /\n/);
              continue;
            }
            const migration = command === 'downgrade --sql' ? applied : pending;
            if (command === 'lint') {
              const report = outcome.value as Awaited<ReturnType<typeof lint>>;
              assert.ok(report.migrations.includes(migration.name));
              const elsewhere = report.violations.filter((v) => v.code === 'writing-through-another-connection');
              const unrecorded = report.unrecorded.some((u) => u.migration === migration.name);
              if (handle.viaRunner) assert.deepEqual(elsewhere, [], 'a write through the runner is not flagged');
              else assert.ok(elsewhere.length > 0 || unrecorded, 'a write through another connection is reported');
              assert.ok(report.statements > 0 || unrecorded, 'the writes were recorded, or the migration reported');
              continue;
            }
            const blocks = (outcome.value as { sql?: readonly { label: string; statements: readonly string[] }[] }).sql ?? [];
            const block = blocks.find((b) => b.label.startsWith(migration.name));
            assert.ok(block, `${command}: no SQL block for ${migration.name}`);
            const text = block.statements.join('\n');
            assert.match(text, /ro_items/i, `${command}: the write is shown`);
            if (!handle.viaRunner) assert.ok(text.includes(OTHER_CONNECTION_NOTE), `${command}: the other connection is marked`);
          }
          assert.deepEqual(await databaseFingerprint(db.url), before_, `a dry run changed the database through ${handle.name}`);
        });

        function run(command: DryCommand): Promise<unknown> {
          if (command === 'lint') return lint(options());
          if (command === 'upgrade --sql') return upgrade({ ...options(), sql: true });
          return downgrade({ ...options(), sql: true });
        }
      });
    }
  });
}
