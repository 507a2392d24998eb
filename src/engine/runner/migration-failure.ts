import { DbManageError } from '../errors/db-manage-error';
import type { MigrationRef } from '../history/migration-ref';
import type { TransactionMode } from './run-types';
import { inlineParameters } from './sql-literal';

export interface FailureContext {
  readonly migration: string;
  readonly direction: 'up' | 'down';
  readonly mode: TransactionMode;
  /** Whether the failed migration ran inside a transaction. */
  readonly inTransaction: boolean;
  /** The applied head once the failed part is rolled back. */
  readonly head: MigrationRef | null;
}

interface PgError {
  readonly message?: string;
  readonly code?: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly position?: string;
}

interface FailedQuery {
  readonly message?: string;
  readonly query?: string;
  readonly parameters?: unknown[];
  readonly driverError?: PgError;
}

const STATEMENT_LIMIT = 240;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clip(text: string): string {
  return text.length > STATEMENT_LIMIT ? `${text.slice(0, STATEMENT_LIMIT - 1)}…` : text;
}

/** What the database looks like after the failure, and what to do next. */
function hintFor(ctx: FailureContext): string {
  const at = ctx.head ? ctx.head.name : 'base';
  const verb = ctx.direction === 'up' ? 'upgrade' : 'downgrade';
  if (ctx.mode === 'all') return `The whole run was rolled back (--transaction all); the database stays at ${at}`;
  if (ctx.inTransaction) {
    return `Nothing of it was ${ctx.direction === 'up' ? 'applied' : 'reverted'}; the database stays at ${at}. Fix the migration and run ${verb} again`;
  }
  return `It ran outside a transaction, so its statements before the failing one stay applied and it is not recorded; the database is at ${at} plus those statements`;
}

/**
 * A failure that is the server's limit, not the migration's fault: the fix is a setting or
 * a smaller transaction, so "fix the migration" would send the user the wrong way (H20).
 */
function serverLimitHint(pg: PgError | undefined, ctx: FailureContext): string | null {
  if (pg?.code === '53200' && /shared memory/i.test(pg.message ?? '')) {
    const at = ctx.head ? ctx.head.name : 'base';
    const state = ctx.mode === 'all' || ctx.inTransaction ? `nothing of it was kept and the database stays at ${at}` : hintFor(ctx).replace(/^It/, 'the migration');
    const split = ctx.mode === 'all' ? 'run with --transaction each so each migration locks only its own tables' : 'split the migration into smaller ones';
    return `The transaction locks more tables than the server's lock table holds (max_locks_per_transaction × max_connections); ${state}. Raise max_locks_per_transaction in postgresql.conf and restart the server, or ${split}`;
  }
  if (pg?.code?.startsWith('53')) {
    return `The server ran out of resources (${pg.code}); check its memory, disk and limits, then run the command again`;
  }
  return null;
}

/**
 * One line a user can act on: which migration, which statement, what PostgreSQL said.
 * The statement, parameters and PostgreSQL's fields go in `details` for --json.
 */
export function migrationFailure(err: unknown, ctx: FailureContext): DbManageError {
  const e = (err ?? {}) as FailedQuery;
  const pg = e.driverError;
  const reason = oneLine(String(pg?.message ?? e.message ?? err).split('\n')[0]);
  const statement = typeof e.query === 'string' ? inlineParameters(e.query, e.parameters) : null;
  const what = ctx.direction === 'up' ? `migration ${ctx.migration} failed` : `reverting ${ctx.migration} failed`;
  const where = statement ? ` on ${clip(oneLine(statement))}` : '';
  return new DbManageError('migration-failed', `${what}${where}: ${reason}`, {
    cause: err,
    hint: serverLimitHint(pg, ctx) ?? hintFor(ctx),
    details: {
      migration: ctx.migration,
      direction: ctx.direction,
      statement,
      postgres: pg ? { code: pg.code, message: pg.message, detail: pg.detail, hint: pg.hint, position: pg.position } : null,
      current: ctx.head?.name ?? null,
    },
  });
}
