import { AsyncLocalStorage } from 'node:async_hooks';

/** A statement a migration sent past its intercepted query runner, and the connection it took. */
export interface StrayWrite {
  readonly sql: string;
  readonly parameters?: readonly unknown[];
  /** The pg client it reached; the recorder compares it with its runner's own. */
  readonly client: unknown;
}

/**
 * Who is talking to a dry run's connections. The toolkit's own statements (locks, history
 * reads, savepoints) reach the server as written; a migration's reach it only when they
 * read, and its writes go to `onWrite`. Code outside any scope is treated as a migration
 * with nowhere to record: its writes are refused.
 */
export type QueryScope = { readonly kind: 'toolkit' } | { readonly kind: 'migration'; readonly onWrite: (write: StrayWrite) => void };

const scopes = new AsyncLocalStorage<QueryScope>();

/** The scope of the code running now; undefined outside both. */
export function currentScope(): QueryScope | undefined {
  return scopes.getStore();
}

/** Runs the toolkit's own statements; the async context carries the scope through every await. */
export function asToolkit<T>(fn: () => Promise<T>): Promise<T> {
  return scopes.run({ kind: 'toolkit' }, fn);
}

/** Runs migration code: whatever handle it reaches for, its writes on a guarded connection go to `onWrite`. */
export function asMigration<T>(onWrite: (write: StrayWrite) => void, fn: () => Promise<T>): Promise<T> {
  return scopes.run({ kind: 'migration', onWrite }, fn);
}
