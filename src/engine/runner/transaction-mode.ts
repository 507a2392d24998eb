import type { DataSource } from 'typeorm';
import { DbManageError } from '../errors/db-manage-error';
import { TRANSACTION_MODES, type TransactionMode } from './run-types';

/**
 * The flag wins, then the data source's own `migrationsTransactionMode` (so a TypeORM
 * project keeps its setting), then `each`: one failed migration never undoes the ones
 * before it.
 */
export function transactionMode(ds: DataSource, flag?: string): TransactionMode {
  const chosen = flag ?? (ds.options as { migrationsTransactionMode?: string }).migrationsTransactionMode ?? 'each';
  if (!(TRANSACTION_MODES as readonly string[]).includes(chosen)) {
    throw new DbManageError('usage', `--transaction must be each, all or none (got "${chosen}")`);
  }
  return chosen as TransactionMode;
}
