import type { LintContext, LintStatement } from './lint-statement';
import { classify } from './sql/classify';
import { tableKey, type AlterAction, type Shape } from './sql/shape';

/** What the rules of one ALTER TABLE sub-command need to know beyond its syntax. */
export interface ActionFacts {
  /** alter-column-type: the column's type before this statement, when known. */
  readonly previousType?: string;
  /** set-not-null: a validated CHECK (col IS NOT NULL) exists, so PostgreSQL skips the scan. */
  readonly provenNotNull?: boolean;
  /** drop-column, rename-column: whether the entities map the column; undefined when unknown. */
  readonly entityMapsColumn?: boolean;
  /** rename-table: whether the entities map the table under its old name; undefined when unknown. */
  readonly entityMapsTable?: boolean;
  /**
   * validate-constraint: the constraint was added NOT VALID earlier in this same
   * migration. In a transactional migration the lock ADD took is then still held while
   * VALIDATE scans, which defeats the point of NOT VALID.
   */
  readonly validatesAddedInMigration?: 'foreign-key' | 'check';
}

/** One SQL statement with the facts its migration establishes before it. Plain data. */
export interface AnalyzedStatement {
  readonly source: LintStatement;
  /** The statement's position within its query call (a call may run several). */
  readonly part: number;
  readonly sql: string;
  readonly shape: Shape;
  /** The table the shape names existed before this migration (not created earlier in it). */
  readonly existingTable: boolean;
  /** The statement takes a lock on a table that existed before this migration. */
  readonly locksExistingTable: boolean;
  /** A non-zero lock_timeout was set earlier in this migration. */
  readonly lockTimeoutSet: boolean;
  /** Aligned with `shape.actions` for alter-table; empty otherwise. */
  readonly actionFacts: readonly ActionFacts[];
  /** Rule codes silenced at this statement. */
  readonly ignore: ReadonlySet<string>;
}

const ZERO = /^\s*0+(\.0+)?\s*(us|ms|s|min|h|d)?\s*$/i;

/** Run-wide knowledge, updated statement by statement in run order. */
class RunState {
  readonly types = new Map<string, Map<string, string>>();
  /** Added CHECK (col IS NOT NULL) NOT VALID constraints: "table\0name" → column. */
  readonly pendingChecks = new Map<string, string>();
  /** "table\0column" pairs with a validated NOT NULL check. */
  readonly proven = new Set<string>();
  /** NOT VALID constraints added in the current migration: "table\0name" → type. */
  readonly notValidInMigration = new Map<string, 'foreign-key' | 'check'>();

  constructor(private readonly context: LintContext) {}

  typeOf(table: string, column: string): string | undefined {
    const local = this.types.get(table);
    if (local?.has(column)) return local.get(column);
    return this.context.columnTypes?.get(table)?.get(column);
  }

  setType(table: string, column: string, type: string | undefined): void {
    let local = this.types.get(table);
    if (!local) this.types.set(table, (local = new Map()));
    // An empty string marks a column known to be gone, hiding the catalog's entry.
    local.set(column, type ?? '');
  }
}

function entityMaps(context: LintContext, table: string, column?: string): boolean | undefined {
  if (!context.entityColumns) return undefined;
  const columns = context.entityColumns.get(table);
  if (column === undefined) return columns !== undefined;
  return columns ? columns.has(column) : false;
}

function lockTimeoutAfter(shape: Shape, before: boolean, inTransaction: boolean | undefined): boolean {
  if (shape.kind !== 'set') return before;
  if (shape.name === 'all') return false;
  if (shape.name !== 'lock_timeout') return before;
  // Outside a transaction block SET LOCAL only prints a warning and changes nothing.
  if (shape.local && inTransaction === false) return before;
  return shape.value !== null && !ZERO.test(shape.value);
}

/** Annotates one ALTER TABLE action and records what it changes. */
function actionFacts(action: AlterAction, table: string, run: RunState, context: LintContext): ActionFacts {
  switch (action.kind) {
    case 'add-column':
      run.setType(table, action.column, action.type);
      return {};
    case 'alter-column-type': {
      const before = run.typeOf(table, action.column);
      run.setType(table, action.column, action.type);
      return { previousType: before === '' ? undefined : before };
    }
    case 'add-constraint':
      if (action.notValid && (action.constraint === 'foreign-key' || action.constraint === 'check')) {
        run.notValidInMigration.set(`${table}\0${action.name ?? ''}`, action.constraint);
      }
      if (action.notNullColumn !== undefined) {
        if (action.notValid) run.pendingChecks.set(`${table}\0${action.name ?? ''}`, action.notNullColumn);
        else run.proven.add(`${table}\0${action.notNullColumn}`);
      }
      return {};
    case 'validate-constraint': {
      const column = run.pendingChecks.get(`${table}\0${action.name}`);
      if (column !== undefined) run.proven.add(`${table}\0${column}`);
      return { validatesAddedInMigration: run.notValidInMigration.get(`${table}\0${action.name}`) };
    }
    case 'set-not-null':
      return { provenNotNull: run.proven.has(`${table}\0${action.column}`) };
    case 'drop-column':
      run.setType(table, action.column, undefined);
      return { entityMapsColumn: entityMaps(context, table, action.column) };
    case 'rename-column': {
      const type = run.typeOf(table, action.from);
      run.setType(table, action.from, undefined);
      if (type) run.setType(table, action.to, type);
      return { entityMapsColumn: entityMaps(context, table, action.from) };
    }
    case 'rename-table':
      return { entityMapsTable: entityMaps(context, table) };
    default:
      return {};
  }
}

function locksTable(shape: Shape, existing: (key: string) => boolean, schema: string): boolean {
  switch (shape.kind) {
    case 'alter-table':
      return existing(tableKey(shape.table, schema));
    case 'create-index':
      return !shape.concurrently && existing(tableKey(shape.table, schema));
    case 'drop-table':
    case 'truncate':
      return shape.tables.some((t) => existing(tableKey(t, schema)));
    case 'drop-index':
    case 'reindex':
      return !shape.concurrently;
    case 'table-lock':
      return true;
    default:
      return false;
  }
}

/**
 * Classifies every statement and works out, in run order, the facts each rule needs:
 * which tables the migration itself created, what types columns have, whether a
 * lock_timeout is in force. Statements must come in the order they run.
 */
export function analyze(statements: readonly LintStatement[], context: LintContext = {}): AnalyzedStatement[] {
  const schema = context.defaultSchema ?? 'public';
  const run = new RunState(context);
  const out: AnalyzedStatement[] = [];
  let migration: string | undefined;
  let created = new Set<string>();
  let lockTimeout = false;
  for (const source of statements) {
    if (source.migration !== migration) {
      migration = source.migration;
      created = new Set();
      lockTimeout = false;
      run.notValidInMigration.clear();
    }
    const script = classify(source.sql);
    const ignore = new Set([...(source.ignore ?? []), ...script.ignores]);
    script.statements.forEach(({ sql, shape }, part) => {
      const table = shape.kind === 'alter-table' || shape.kind === 'create-index' || shape.kind === 'create-table' ? tableKey(shape.table, schema) : undefined;
      if (shape.kind === 'create-table') created.add(tableKey(shape.table, schema));
      const isNew = (key: string) => (key === table && source.newTable !== undefined ? source.newTable : created.has(key));
      const existingTable = table !== undefined && shape.kind !== 'create-table' && !isNew(table);
      const facts = shape.kind === 'alter-table' ? shape.actions.map((a) => actionFacts(a, table!, run, context)) : [];
      if (shape.kind === 'alter-table') {
        for (const action of shape.actions) {
          if (action.kind === 'rename-table' && isNew(table!)) created.add(tableKey({ schema: shape.table.schema, name: action.to }, schema));
        }
      }
      out.push({
        source,
        part,
        sql,
        shape,
        existingTable,
        locksExistingTable: locksTable(shape, (key) => !isNew(key), schema),
        lockTimeoutSet: lockTimeout,
        actionFacts: facts,
        ignore,
      });
      lockTimeout = lockTimeoutAfter(shape, lockTimeout, source.inTransaction);
    });
  }
  return out;
}
