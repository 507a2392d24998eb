import { loadSqlParser } from '../engine/sql/pg-parser';
import { readFileSync } from 'node:fs';
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import type { DataSource, MigrationInterface } from 'typeorm';
import { DbManageError } from '../engine/errors/db-manage-error';
import { historyTable, readApplied } from '../engine/history/history-table';
import { columnTypes } from '../engine/inspect/column-types';
import { entityColumnsOf } from '../engine/lint/entity-columns';
import { defaultSchemaOf } from '../engine/model/default-schema';
import type { LintContext } from '../engine/lint/lint-statement';
import { lintReport, type LintReport } from '../engine/lint/lint-report';
import { lintStatements } from '../engine/lint/lint-statements';
import { recordMigrations, type RecordableMigration } from '../engine/lint/record/record-migrations';
import { RULES } from '../engine/lint/rules';
import { sqlFileStatements } from '../engine/lint/sql-file';
import { resolveRevision } from '../engine/revisions/resolve-revision';
import { givenTarget } from '../engine/revisions/revision-target';
import { loadLocalMigrations } from '../engine/runner/migration-sources';
import type { ApiOptions } from './api-options';
import { withProject } from './project-session';
import { commandLine } from '../engine/text/command-line';

export interface LintOptions extends ApiOptions {
  /** Lint the pending migrations up to this one (name, timestamp or unique prefix; default head). An applied one is linted alone. */
  readonly target?: string;
  /** Lint this file instead: a migration class file (.ts/.js), recorded, or a plain .sql file. */
  readonly file?: string;
}

export interface LintRuleInfo {
  readonly code: string;
  readonly summary: string;
  readonly level: 'error' | 'warning';
  /** The rule's documentation page, relative to the package root. */
  readonly docs: string;
}

/** The registered rules, for `lint --rules` and for documentation. */
export function lintRules(): LintRuleInfo[] {
  return RULES.map((r) => ({ code: r.code, summary: r.summary, level: r.level, docs: `docs/rules/${r.code}.md` }));
}

async function contextOf(ds: DataSource): Promise<LintContext> {
  return { entityColumns: entityColumnsOf(ds), columnTypes: await columnTypes(ds), defaultSchema: defaultSchemaOf(ds) };
}

/** Lints migrations by recording their `up`; `upgrade` uses it to refuse errors in production. */
export async function lintRecorded(ds: DataSource, cwd: string, source: LintReport['source'], migrations: readonly RecordableMigration[]): Promise<LintReport> {
  const context = await contextOf(ds);
  const recorded = await recordMigrations(ds, migrations, cwd);
  const result = lintStatements(recorded.flatMap((m) => m.statements), context);
  const unrecorded = recorded.filter((m) => m.error !== undefined).map((m) => ({ migration: m.name, message: m.error! }));
  return lintReport(source, recorded.map((m) => m.name), result, unrecorded);
}

/** The pending migrations up to `target`; an applied target alone. */
async function selectMigrations(ds: DataSource, target: string | undefined): Promise<RecordableMigration[]> {
  const local = loadLocalMigrations(ds);
  const applied = new Set((await readApplied(ds, historyTable(ds))).map((m) => m.name));
  const pending = local.filter((m) => !applied.has(m.name));
  let chosen = pending;
  if (target && target !== 'head') {
    const stop = resolveRevision(local, target);
    chosen = applied.has(stop.name) ? [stop] : pending.filter((m) => m.timestamp < stop.timestamp || (m.timestamp === stop.timestamp && m.name <= stop.name));
  }
  return chosen.map((m) => ({ name: m.name, instance: m.instance, file: m.file ?? undefined }));
}

type MigrationClass = new () => MigrationInterface;

/** The migration classes a file exports, in name order. */
function migrationsInFile(file: string, shown: string): RecordableMigration[] {
  let mod: Record<string, unknown>;
  try {
    mod = require(file) as Record<string, unknown>;
  } catch (cause) {
    throw new DbManageError('source-load-failed', `cannot load ${shown}: ${String((cause as Error)?.message ?? cause).split('\n')[0]}`, {
      cause,
      hint: 'Fix the error in that file and run lint again',
    });
  }
  const classes = [...new Set(Object.values(mod))].filter(
    (v): v is MigrationClass => typeof v === 'function' && typeof (v as { prototype?: { up?: unknown } }).prototype?.up === 'function',
  );
  if (classes.length === 0) {
    throw new DbManageError('config-invalid', `${shown} exports no migration class (a class with an up method)`, {
      hint: 'Export the migration class, as the migrate and revision commands write it',
    });
  }
  return classes
    .map((ctor) => {
      const instance = new ctor();
      return { name: instance.name ?? ctor.name, instance, file };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Lints the SQL that pending migrations (or one file) would run, without running it.
 * A .sql file needs no database; everything else records each migration's `up` on a
 * read-only transaction and reads the entities and the catalog for context.
 */
export async function lint(options: LintOptions = {}): Promise<LintReport> {
  const cwd = options.cwd ?? process.cwd();
  givenTarget('lint', options.file);
  givenTarget('lint', options.target);
  if (options.file !== undefined) {
    const file = isAbsolute(options.file) ? options.file : resolve(cwd, options.file);
    const shown = relative(cwd, file) || file;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (cause) {
      throw new DbManageError('config-not-found', `migration file not found: ${shown}`, { cause, hint: 'Check the path given to lint' });
    }
    if (extname(file).toLowerCase() === '.sql') {
      await loadSqlParser();
      const name = basename(file, extname(file));
      return lintReport('file', [name], lintStatements(sqlFileStatements(text, name, shown)));
    }
    return withProject(options, async (_session, ds) => lintRecorded(ds, cwd, 'file', migrationsInFile(file, shown)));
  }
  return withProject(options, async (_session, ds) => lintRecorded(ds, cwd, 'pending', await selectMigrations(ds, options.target)));
}
