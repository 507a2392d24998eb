import type { Operation } from '../diff/operations';
import type { Dialect } from '../dialect/dialect';
import { postgres } from '../dialect/postgres';
import { qualifiedKey } from '../model/schema-model';
import type { LintStatement } from './lint-statement';
import { lockTimeoutStatement } from './lock-timeout';

export interface OperationsToLint {
  /** The migration's class name. */
  readonly migration: string;
  /** In up() order, as the renderer writes them. */
  readonly operations: readonly Operation[];
  /** Whether the migration runs in a transaction; true unless it declares `transaction = false`. */
  readonly inTransaction?: boolean;
  /** When the renderer starts `up` with SET lock_timeout, the timeout it uses. */
  readonly lockTimeout?: string;
  readonly file?: string;
  /** The server's SQL renderer; PostgreSQL's by default. */
  readonly dialect?: Dialect;
}

function tableKeyOf(op: Operation): string | undefined {
  if (op.kind === 'create-table' || op.kind === 'drop-table') return qualifiedKey(op.table);
  return 'table' in op && 'schema' in op && typeof op.table === 'string' ? qualifiedKey({ schema: op.schema, name: op.table }) : undefined;
}

/**
 * The lint input of a generated migration, straight from its typed operations: the same
 * SQL the renderer writes (one query call per statement), plus what only the operations
 * know: which tables this migration creates, and each type change's previous type.
 */
export function statementsFromOperations(input: OperationsToLint): LintStatement[] {
  const inTransaction = input.inTransaction ?? true;
  const out: LintStatement[] = [];
  const push = (sql: string, extra: Partial<LintStatement> = {}) =>
    out.push({ sql, migration: input.migration, index: out.length, file: input.file, inTransaction, generated: true, ...extra });
  if (input.lockTimeout !== undefined) push(lockTimeoutStatement(input.lockTimeout, { transaction: inTransaction }));
  const created = new Set<string>();
  for (const op of input.operations) {
    const key = tableKeyOf(op);
    if (op.kind === 'create-table' && key) created.add(key);
    const newTable = key === undefined || op.kind === 'create-table' ? undefined : created.has(key);
    const previousType = op.kind === 'alter-column-type' ? op.from : undefined;
    for (const sql of (input.dialect ?? postgres).render(op)) push(sql, { operation: op.kind, newTable, previousType });
  }
  return out;
}
