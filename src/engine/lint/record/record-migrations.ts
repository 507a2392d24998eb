import type { DataSource, MigrationInterface } from 'typeorm';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { readIgnoreComments, type IgnoreComments } from '../ignore-comments';
import type { LintStatement } from '../lint-statement';
import { withDryRunDataSource } from '../../runner/dry-run-data-source';
import { asMigration, asToolkit } from '../../runner/query-scope';
import { clientOf } from '../../runner/sql-recorder';
import { intercept } from './recording-runner';
import { callerLineIn } from './source-position';
import { GENERATED_MARK } from '../../render/render-migration';

export interface RecordableMigration {
  readonly name: string;
  readonly instance: MigrationInterface;
  /** The absolute path of the file that declares it, when known: gives lines and ignore comments. */
  readonly file?: string;
}

export interface RecordedMigration {
  readonly name: string;
  readonly statements: readonly LintStatement[];
  /** Why `up` could not be recorded to the end; the statements before the failure are kept. */
  readonly error?: string;
}

interface SourceFacts {
  readonly ignores?: IgnoreComments;
  /** The file says `migrate` wrote it: its SQL follows the entities. */
  readonly generated: boolean;
}

function sourceFacts(file: string | undefined): SourceFacts {
  if (!file) return { generated: false };
  try {
    const text = readFileSync(file, 'utf8');
    return { ignores: readIgnoreComments(text), generated: text.includes(GENERATED_MARK) };
  } catch {
    return { generated: false };
  }
}

/**
 * Runs each migration's `up` against a recording query runner and returns the SQL it
 * would have run, nothing executed: it runs on a dry-run twin of `ds` whose every
 * connection is read-only and guarded, inside a read-only transaction rolled back at the
 * end. Statements sent past the runner (`queryRunner.connection`, a repository, a new
 * query runner) are recorded too, marked `otherConnection`.
 */
export async function recordMigrations(ds: DataSource, migrations: readonly RecordableMigration[], cwd: string): Promise<RecordedMigration[]> {
  return withDryRunDataSource(ds, (twin) => recordOn(twin, migrations, cwd));
}

async function recordOn(ds: DataSource, migrations: readonly RecordableMigration[], cwd: string): Promise<RecordedMigration[]> {
  const runner = ds.createQueryRunner();
  const out: RecordedMigration[] = [];
  try {
    await runner.connect();
    await runner.query('START TRANSACTION READ ONLY');
    for (const m of migrations) {
      const shownFile = m.file ? relative(cwd, m.file) || m.file : undefined;
      const { ignores, generated } = sourceFacts(m.file);
      const inTransaction = m.instance.transaction !== false;
      const statements: LintStatement[] = [];
      await runner.query('SAVEPOINT db_manage_lint_migration');
      const record = (sql: string, otherConnection: boolean) => {
        const line = m.file ? callerLineIn(m.file) : undefined;
        const ignore = [...(ignores?.file ?? []), ...(line !== undefined && ignores ? ignores.at(line) : [])];
        statements.push({
          sql, migration: m.name, index: statements.length, file: shownFile, line, ignore, inTransaction,
          ...(generated ? { generated } : {}), ...(otherConnection ? { otherConnection } : {}),
        });
      };
      const interception = intercept(runner, (call) => record(call.sql, false));
      let error: string | undefined;
      try {
        await asMigration((write) => record(write.sql, write.client !== clientOf(runner)), () => m.instance.up(runner));
      } catch (err) {
        error = err instanceof Error ? err.message.split('\n')[0] : String(err);
      } finally {
        interception.restore();
      }
      await runner.query('ROLLBACK TO SAVEPOINT db_manage_lint_migration');
      out.push({ name: m.name, statements, error });
    }
  } finally {
    await asToolkit(() => runner.query('ROLLBACK')).catch(() => undefined);
    await runner.release();
  }
  return out;
}
