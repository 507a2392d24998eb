import { splitStatements, tokenize, type Token } from '../lint/sql/tokenize';

const READ_START = new Set(['SELECT', 'WITH', 'SHOW', 'VALUES', 'TABLE', 'EXPLAIN']);

/**
 * Words that make a statement of a read shape write or act anyway: data-modifying CTEs,
 * SELECT … INTO, EXPLAIN ANALYZE of a write, row locks (FOR UPDATE/SHARE), sequence calls
 * (generated migrations continue a sequence with setval), and functions that act on other
 * sessions or servers, where a read-only transaction would not stop them.
 */
const ACTING_WORDS = new Set([
  'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'INTO', 'SHARE',
  'SETVAL', 'NEXTVAL',
  'DBLINK', 'DBLINK_EXEC', 'PG_TERMINATE_BACKEND', 'PG_CANCEL_BACKEND', 'PG_RELOAD_CONF', 'PG_ROTATE_LOGFILE',
]);

function isRead(tokens: readonly Token[]): boolean {
  const first = tokens.find((t) => !(t.kind === 'punct' && t.text === '('));
  if (!first || first.kind !== 'word' || !READ_START.has(first.upper)) return false;
  return !tokens.some((t) => t.kind === 'word' && ACTING_WORDS.has(t.upper));
}

/**
 * Statements that only read: a dry run still sends them, so TypeORM's schema methods and a
 * migration's own look-ups see the database. Every statement of the query string must be
 * a read; anything else is recorded instead. Strings, quoted names and comments never count.
 */
export function isReadOnlyStatement(sql: string): boolean {
  let statements: Token[][];
  try {
    statements = splitStatements(tokenize(sql).tokens);
  } catch {
    return false;
  }
  return statements.length > 0 && statements.every(isRead);
}
