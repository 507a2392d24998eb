import { DbManageError } from '../errors/db-manage-error';
import { currentScope } from './query-scope';
import { isReadOnlyStatement } from './read-only-statement';

/** The part of pg's Client a guard needs; the class comes from the driver TypeORM loaded. */
interface PgClient {
  connect(): Promise<void>;
  query(...args: unknown[]): unknown;
  getTransactionStatus?(): string | null;
}
export type PgClientClass = new (config?: unknown) => PgClient;

type Callback = (err: Error | null, result?: unknown) => void;

interface Submittable {
  submit: unknown;
  text?: string;
  cursor?: { text?: string };
}

function isSubmittable(value: unknown): value is Submittable {
  return typeof value === 'object' && value !== null && typeof (value as Submittable).submit === 'function';
}

/** What pg would return for a statement that did nothing: TypeORM reads command, rows and rowCount. */
function emptyResult(sql: string): unknown {
  const command = (/^\s*(?:\(\s*)*([A-Za-z]+)/.exec(sql)?.[1] ?? '').toUpperCase();
  return { command, rowCount: 0, rows: [], fields: [], oid: 0 };
}

function clip(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/**
 * A pg Client for dry runs (lint, --sql). Every connection it makes is read-only from the
 * start (SET SESSION CHARACTERISTICS), so an unforeseen path still cannot commit a write.
 * Outside the toolkit's own scope, reads run in a read-only transaction (or savepoint)
 * that is always rolled back, which also undoes any setting a read changes; anything else
 * is handed to the migration scope's recorder and never sent. Because this sits under
 * TypeORM's pool, it covers every handle: the query runner, its manager and connection,
 * repositories, query builders, new query runners and the raw client.
 */
export function guardedClientClass(Base: PgClientClass): PgClientClass {
  class GuardedClient extends Base {
    private savepoints = 0;
    private queue: Promise<unknown> = Promise.resolve();

    override connect(callback?: Callback): Promise<void> {
      const ready = super.connect().then(() => super.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY')).then(() => undefined);
      if (typeof callback === 'function') {
        ready.then(() => callback(null), (err: Error) => callback(err));
        return undefined as unknown as Promise<void>;
      }
      return ready;
    }

    override query(...args: unknown[]): unknown {
      if (currentScope()?.kind === 'toolkit') return super.query(...args);
      const [first] = args;
      if (isSubmittable(first)) {
        // A stream cannot be faked; a streamed read still runs on the read-only session.
        const text = first.text ?? first.cursor?.text ?? '';
        if (!isReadOnlyStatement(text)) throw strayWriteRefused(text, 'a streamed statement cannot be recorded');
        return super.query(...args);
      }
      const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as Callback) : undefined;
      const config = typeof first === 'object' && first !== null ? (first as { text?: string; values?: unknown[] }) : undefined;
      const sql = config ? String(config.text ?? '') : String(first);
      const values = (config?.values ?? args[1]) as unknown[] | undefined;
      const run = this.queue.then(() => this.guarded(sql, first, values));
      this.queue = run.catch(() => undefined);
      if (!callback) return run;
      run.then((result) => callback(null, result), (err: Error) => callback(err));
      return undefined;
    }

    private async guarded(sql: string, query: unknown, values: unknown[] | undefined): Promise<unknown> {
      if (isReadOnlyStatement(sql)) return this.read(query, values);
      const scope = currentScope();
      if (scope?.kind !== 'migration') throw strayWriteRefused(sql, 'it was sent outside any migration');
      scope.onWrite({ sql, parameters: values, client: this });
      return emptyResult(sql);
    }

    private async read(query: unknown, values: unknown[] | undefined): Promise<unknown> {
      const send = (...a: unknown[]) => super.query(...a) as Promise<unknown>;
      const status = typeof this.getTransactionStatus === 'function' ? this.getTransactionStatus() : null;
      if (status === 'I') {
        await send('START TRANSACTION READ ONLY');
        try {
          return await send(query, values);
        } finally {
          await send('ROLLBACK');
        }
      }
      if (status === 'T') {
        const savepoint = `db_manage_guard_${this.savepoints++}`;
        await send(`SAVEPOINT ${savepoint}`);
        try {
          const result = await send(query, values);
          await send(`RELEASE SAVEPOINT ${savepoint}`);
          return result;
        } catch (err) {
          await send(`ROLLBACK TO SAVEPOINT ${savepoint}`).catch(() => undefined);
          throw err;
        }
      }
      // A failed transaction, or a driver too old to say: the read-only session still holds.
      return send(query, values);
    }
  }
  return GuardedClient;
}

function strayWriteRefused(sql: string, why: string): DbManageError {
  return new DbManageError('migration-failed', `a dry run refused a write (${why}), nothing ran: ${clip(sql)}`, {
    hint: 'Run the statement through queryRunner.query(…) so lint and --sql can record it',
    details: { statement: sql },
  });
}
