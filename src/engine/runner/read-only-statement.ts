import { fieldsOf, nodeOf, walk } from '../sql/pg-ast';
import { parseScript, type PgNode } from '../sql/pg-parser';

/** Statements that can only read, when nothing inside them writes or acts. */
const READ_STATEMENTS = new Set(['SelectStmt', 'VariableShowStmt', 'ExplainStmt']);

/** Nodes that write wherever they appear: a data-modifying CTE, or EXPLAIN ANALYZE of one. */
const WRITING_NODES = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

/**
 * Functions that act although called from a read: sequence calls (generated migrations
 * continue a sequence with setval), and functions that act on other sessions or servers,
 * where a read-only transaction would not stop them.
 */
const ACTING_FUNCTIONS = new Set([
  'setval', 'nextval',
  'dblink', 'dblink_exec', 'pg_terminate_backend', 'pg_cancel_backend', 'pg_reload_conf', 'pg_rotate_logfile',
]);

function isRead(node: PgNode | null): boolean {
  const n = nodeOf(node);
  if (!n || !READ_STATEMENTS.has(n[0])) return false;
  // EXPLAIN ANALYZE runs its statement: it reads only if that statement does.
  let acts = false;
  walk(node, (type, fields) => {
    if (WRITING_NODES.has(type)) acts = true;
    // SELECT … INTO creates a table.
    if (type === 'SelectStmt' && fields.intoClause !== undefined) acts = true;
    // Row locks (FOR UPDATE / FOR SHARE) take locks a dry run must not.
    if (type === 'LockingClause') acts = true;
    if (type === 'FuncCall') {
      const name = (fields.funcname as unknown[] | undefined) ?? [];
      const last = fieldsOf(name[name.length - 1], 'String')?.sval;
      if (typeof last === 'string' && ACTING_FUNCTIONS.has(last.toLowerCase())) acts = true;
    }
  });
  return !acts;
}

/**
 * A query string whose first word is one of these is not a read whatever follows (its first
 * statement is DDL, a SET or a write), so a dry run of a 1,000-table migration need not
 * parse each of its statements to know it.
 */
const NEVER_A_READ = /^\s*(?:CREATE|ALTER|DROP|COMMENT|SET|GRANT|REVOKE|TRUNCATE|INSERT|UPDATE|DELETE)\b/i;

/** Whether every statement of `sql` is a read, as PostgreSQL's parser reads it. */
export function parsedAsReads(sql: string): boolean {
  const { statements } = parseScript(sql);
  return statements.length > 0 && statements.every((s) => isRead(s.node));
}

/**
 * Statements that only read: a dry run still sends them, so TypeORM's schema methods and a
 * migration's own look-ups see the database. Every statement of the query string must be
 * a read; anything else is recorded instead.
 */
export function isReadOnlyStatement(sql: string): boolean {
  return !NEVER_A_READ.test(sql) && parsedAsReads(sql);
}
