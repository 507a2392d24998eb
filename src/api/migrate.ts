import { loadSqlParser } from '../engine/sql/pg-parser';
import { commandLine } from '../engine/text/command-line';
import { relative } from 'node:path';
import { migrationTarget } from '../engine/project/migration-target';
import { rmSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { nameWarnings } from '../engine/autogen/name-warnings';
import { dataLossRefused, renameQuestion, type RenameQuestion } from '../engine/autogen/data-loss';
import { planMigrations, type PlannedMigration } from '../engine/autogen/plan-migrations';
import { projectDiff, refusePending, summarise, type LoadedEntities, type OperationSummary } from '../engine/autogen/project-diff';
import { parseRenameOption, renameSubject, resolveRenames } from '../engine/autogen/resolve-renames';
import { assertFileNameFits, writeMigration } from '../engine/autogen/write-migration';
import { reverseAll } from '../engine/diff/reverse';
import type { Irreversible, Operation } from '../engine/diff/operations';
import { renderOperation } from '../engine/diff/to-sql';
import { DbManageError } from '../engine/errors/db-manage-error';
import { entityColumnsOf } from '../engine/lint/entity-columns';
import { defaultSchemaOf } from '../engine/model/default-schema';
import { statementsFromOperations } from '../engine/lint/from-operations';
import { lintStatements } from '../engine/lint/lint-statements';
import { resolveLockTimeout } from '../engine/lint/lock-timeout';
import type { Violation } from '../engine/lint/violation';
import { migrationName, type MigrationName } from '../engine/render/migration-name';
import { renderMigration } from '../engine/render/render-migration';
import type { ApiOptions } from './api-options';
import { withProject } from './project-session';
import { subjectOf } from '../engine/diff/subject';

export type { RenameQuestion } from '../engine/autogen/data-loss';

export interface MigrateOptions extends ApiOptions {
  /** What the migration does, e.g. "Add phone"; names the file and the class. */
  readonly message: string;
  /** Return the SQL instead of writing a file. */
  readonly sql?: boolean;
  /** Write here instead of the folder of the data source's migrations glob. */
  readonly directory?: string;
  /** Renames that need no question: `table.old:new` for a column, `old_table:new_table` for a table. */
  readonly renames?: readonly string[];
  /** Asked for each dropped-and-added pair of compatible type; absent, nothing is asked (a drop plus an add). */
  readonly confirmRename?: (question: RenameQuestion) => Promise<boolean>;
  /** Write a migration that loses data without asking. */
  readonly allowDataLoss?: boolean;
  /** Asked when the migration would lose data; absent (no terminal), such a migration is refused. */
  readonly confirmDataLoss?: (operations: readonly OperationSummary[]) => Promise<boolean>;
  /** lock_timeout for the generated migration; default DB_MANAGE_LOCK_TIMEOUT, then 5s. */
  readonly lockTimeout?: string;
}

export interface RenameSummary {
  readonly kind: 'table' | 'column';
  readonly from: string;
  readonly to: string;
}

export interface GeneratedMigration {
  /** The file written; null with `sql`. */
  readonly file: string | null;
  readonly className: string;
  /** False for the CONCURRENTLY index migration. */
  readonly transaction: boolean;
  readonly operations: readonly OperationSummary[];
}

export interface MigrateReport {
  /** False when the entities already match the database: nothing was written. */
  readonly changed: boolean;
  readonly entities: LoadedEntities;
  /** Every operation, across the files, in order. */
  readonly operations: readonly OperationSummary[];
  /** The (first) file written; null with no changes or with `sql`. */
  readonly file: string | null;
  readonly className: string | null;
  /** One or two: indexes on existing tables go to a second, non-transactional migration. */
  readonly migrations: readonly GeneratedMigration[];
  /** Renames confirmed by --rename or on the terminal; they keep the data. */
  readonly renames: readonly RenameSummary[];
  /** What the lock-aware linter says about the generated SQL (rules that genuinely apply, e.g. renames). */
  readonly lint: readonly Violation[];
  /** The lock_timeout the transactional migration sets. */
  readonly lockTimeout: string;
  /**
   * One line each, the migration written all the same: declarations that are valid but probably
   * not what was meant (a string default `'now()'`), names PostgreSQL will shorten to 63 bytes,
   * and what the diff does not compare.
   */
  readonly warnings: readonly string[];
  /** With `sql`: the statements of up() and down(). */
  readonly sql?: { readonly up: readonly string[]; readonly down: readonly string[] };
}

function lintPlanned(ds: DataSource, plans: readonly PlannedMigration[], names: readonly MigrationName[], lockTimeout: string): Violation[] {
  const statements = plans.flatMap((p, i) =>
    statementsFromOperations({ migration: names[i].className, operations: p.operations, inTransaction: p.transaction, lockTimeout: p.transaction ? lockTimeout : undefined }),
  );
  // No catalog read: each typed type change carries its previous type.
  return [...lintStatements(statements, { entityColumns: entityColumnsOf(ds), defaultSchema: defaultSchemaOf(ds) }).violations];
}

/** A callback that throws (Ctrl-C at a prompt) aborts the command, with nothing written. */
async function asking<T>(question: () => Promise<T>): Promise<T> {
  try {
    return await question();
  } catch (cause) {
    if (cause instanceof DbManageError) throw cause;
    throw new DbManageError('aborted', 'migrate aborted: nothing was written', { cause, hint: 'Run migrate again to answer the questions' });
  }
}

/** Every file, or none: a failure on the second file removes the first. */
function writeAll(directory: string, files: readonly { name: MigrationName; content: string }[]): string[] {
  const written: string[] = [];
  try {
    for (const f of files) written.push(writeMigration(directory, f.name.fileName, f.content));
  } catch (err) {
    for (const file of written) rmSync(file, { force: true });
    throw err;
  }
  return written;
}

/**
 * Diffs the entities against the database and writes a migration for the difference.
 * Refuses while migrations are pending: a diff against an old schema would repeat them.
 * Possible renames are answered by `renames` or `confirmRename`; a migration that loses
 * data needs `allowDataLoss` or a yes from `confirmDataLoss`, else it is refused.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateReport> {
  // Validate everything the user typed before any connection is made.
  assertFileNameFits(migrationName(options.message, Date.now()).fileName);
  const answers = (options.renames ?? []).map(parseRenameOption);
  const lockTimeout = resolveLockTimeout({ value: options.lockTimeout, env: options.env, cwd: options.cwd });
  return withProject(options, async (session, ds) => {
    // The generated SQL is linted with PostgreSQL's parser; it loads while the diff is read.
    const parser = loadSqlParser();
    const diff = await projectDiff(ds, { schemas: session.config.schemas });
    await parser;
    refusePending(diff.pending);
    const ask = options.confirmRename;
    const resolved = await resolveRenames(diff.desired, diff.actual, { answers, ask: ask && ((c) => asking(() => ask(renameQuestion(c)))) });
    const operations = resolved.operations;
    const renames = resolved.renames.map((r) => ({ kind: r.kind, ...renameSubject(r) }));
    const summaries = summarise(operations);
    const warnings = [...diff.warnings, ...nameWarnings(operations, diff.shortened), ...diff.uncompared];
    const base = { entities: diff.entities, operations: summaries, renames, lockTimeout, warnings };
    if (operations.length === 0) return { ...base, changed: false, file: null, className: null, migrations: [], lint: [] };

    const losses = summaries.filter((o) => o.destructive !== null);
    if (losses.length > 0 && !options.sql && !options.allowDataLoss) {
      const confirm = options.confirmDataLoss;
      if (!confirm) throw dataLossRefused(losses, resolved.unanswered.map(renameQuestion));
      if (!(await asking(() => confirm(losses)))) throw new DbManageError('aborted', 'migrate aborted: nothing was written', { hint: 'Change the entities, or answer the rename questions, and run migrate again' });
    }

    const plans = planMigrations(operations);
    const now = Date.now();
    const { directory, flavour, compiledIn } = migrationTarget(session.loaded.options, session.loaded.file, session.cwd, options.directory);
    // Schema per tenant: the default schema unqualified, so the migration serves every tenant.
    const implicitSchema = session.config.schemaPerTenant ? defaultSchemaOf(ds) : undefined;
    const written: string[] = compiledIn
      ? [...base.warnings, `the data source runs the compiled migrations in ${relative(session.cwd, compiledIn) || '.'}, so the new one is written as TypeScript to ${relative(session.cwd, directory) || '.'}: build the project before ${commandLine('upgrade')}`]
      : [...base.warnings];
    if (implicitSchema !== undefined) written.push(...sharedSchemaWarnings(operations, implicitSchema));
    const reported = { ...base, warnings: written };
    const names = plans.map((p, i) => migrationName(p.suffix ? `${options.message} ${p.suffix}` : options.message, now + i, flavour.extension));
    const lint = lintPlanned(ds, plans, names, lockTimeout);
    const generated = (files: readonly (string | null)[]) =>
      plans.map((p, i) => ({ file: files[i], className: names[i].className, transaction: p.transaction, operations: summarise(p.operations) }));
    const render = (op: Operation | Irreversible) => renderOperation(op, { implicitSchema });
    if (options.sql) {
      const up = plans.flatMap((p) => p.operations.flatMap(render));
      const down = [...plans].reverse().flatMap((p) => reverseAll(p.operations).flatMap(render));
      return { ...reported, changed: true, file: null, className: null, migrations: generated(plans.map(() => null)), lint, sql: { up, down } };
    }
    const contents = plans.map((p, i) => ({
      name: names[i],
      content: renderMigration({
        className: names[i].className,
        message: p.note ? `${options.message} (${p.note})` : options.message,
        operations: p.operations,
        transaction: p.transaction,
        lockTimeout: p.transaction ? lockTimeout : undefined,
        language: flavour.language,
        implicitSchema,
      }),
    }));
    const files = writeAll(directory, contents);
    return { ...reported, changed: true, file: files[0], className: names[0].className, migrations: generated(files), lint };
  });
}

/**
 * Schema per tenant: a migration runs once per tenant, so an object of a named schema (shared
 * by every tenant) would be created once per tenant, and the second run fails.
 */
function sharedSchemaWarnings(operations: readonly Operation[], tenantSchema: string): string[] {
  const shared = [...new Set(operations.map((op) => subjectOf(op).schema).filter((s): s is string => s !== null && s !== tenantSchema))].sort();
  return shared.map(
    (s) => `schema per tenant: this migration also changes schema ${s}, which every tenant's run would change again (the second fails); keep shared tables in a data source of their own`,
  );
}
