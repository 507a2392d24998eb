import { constantText, fieldsOf, list, strings } from '../../sql/pg-ast';
import { parseExclusion, parseExpression } from '../../sql/pg-expression';
import type { PgNode } from '../../sql/pg-parser';

/**
 * A comparison key for SQL expressions (CHECK constraints, partial-index predicates, index
 * expressions, generated columns, exclusions). The entity says `"deletedAt" IS NULL` or
 * `status = 'active'`; PostgreSQL prints `("deletedAt" IS NULL)` and
 * `((status)::text = 'active'::text)`. Both are read by PostgreSQL's own parser; the key is
 * the parse tree without what PostgreSQL adds when it prints (casts, positions; parentheses
 * leave no node), with the forms it stores spelled one way: `x IN (a, b)` as
 * `x = ANY (ARRAY[a, b])`, `BETWEEN` as two comparisons, `LIKE` as `~~`, nested ANDs flat,
 * constants by their text. Case and quoting of identifiers are the parser's, so `"Age"` and
 * `age` differ and `"age"` and `age` do not; names over 63 bytes are cut as PostgreSQL cuts them.
 *
 * It is a key, never SQL. The parser must be loaded (`loadSqlParser()`) before the first call.
 * Text the grammar does not read as one expression keys as itself.
 */
export function expressionKey(sql: string): string {
  const tree = parseExpression(sql);
  return tree === null ? `text:${sql}` : JSON.stringify(canonical(tree));
}

/** The key of what follows EXCLUDE (`USING gist (during WITH &&) WHERE (…)`); DEFERRABLE is compared apart. */
export function exclusionKey(sql: string): string {
  const tree = parseExclusion(sql);
  return tree === null ? `text:${sql}` : JSON.stringify(canonical(tree));
}

/** Fields that say where a node was written, or what the constraint's deferral is (compared apart). */
const IGNORED = /(?:location|_start|_end|stmt_len)$|^(?:deferrable|initdeferred|conname)$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function canonical(value: unknown): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value as Json;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [type, fields] = entries[0];
    const rewritten = rewrite(type, fields as Record<string, unknown>);
    if (rewritten !== undefined) return rewritten;
  }
  const out: { [key: string]: Json } = {};
  for (const [key, field] of entries) if (!IGNORED.test(key)) out[key] = canonical(field);
  return out;
}

const node = (type: string, fields: Record<string, unknown>): PgNode => ({ [type]: fields });
const operator = (name: string) => [{ String: { sval: name } }];

/** A node spelled the way PostgreSQL stores it, canonicalised; undefined when it has no other spelling. */
function rewrite(type: string, f: Record<string, unknown>): Json | undefined {
  switch (type) {
    case 'TypeCast':
      // The casts PostgreSQL adds when it prints (`(status)::text`, `'a'::character varying`).
      return canonical(f.arg);
    case 'A_Const': {
      // A constant by its text: `0` and PostgreSQL's `(0)::numeric`, `-1` and `'-1'::integer`, have one key.
      const text = constantText(node('A_Const', f));
      return { const: text === undefined ? JSON.stringify(f) : text };
    }
    case 'A_Expr':
      return rewriteOperator(f);
    case 'BoolExpr': {
      // `a AND (b AND c)` is stored flat.
      const args = list(f.args).flatMap((arg) => {
        const inner = fieldsOf(arg, 'BoolExpr');
        return inner && inner.boolop === f.boolop && f.boolop !== 'NOT_EXPR' ? list(inner.args) : [arg];
      });
      return args.length === list(f.args).length ? undefined : canonical(node('BoolExpr', { ...f, args }));
    }
    case 'FuncCall': {
      const names = list(f.funcname);
      if (names.length === 2 && strings(names)[0] === 'pg_catalog') return canonical(node('FuncCall', { ...f, funcname: names.slice(1) }));
      return undefined;
    }
    default:
      return undefined;
  }
}

function rewriteOperator(f: Record<string, unknown>): Json | undefined {
  const name = strings(f.name)[0] as string | undefined;
  switch (f.kind) {
    case 'AEXPR_IN': {
      // `x IN (a, b)` is stored as `x = ANY (ARRAY[a, b])`, `NOT IN` as `<> ALL`.
      const items = fieldsOf(f.rexpr, 'List')?.items;
      if (!Array.isArray(items)) return undefined;
      const kind = name === '<>' ? 'AEXPR_OP_ALL' : 'AEXPR_OP_ANY';
      return canonical(node('A_Expr', { kind, name: operator(name ?? '='), lexpr: f.lexpr, rexpr: node('A_ArrayExpr', { elements: items }) }));
    }
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN': {
      // `x BETWEEN a AND b` is stored as `x >= a AND x <= b`.
      const [low, high] = list(fieldsOf(f.rexpr, 'List')?.items);
      if (low === undefined || high === undefined) return undefined;
      const between = f.kind === 'AEXPR_BETWEEN';
      const compare = (op: string, right: unknown) => node('A_Expr', { kind: 'AEXPR_OP', name: operator(op), lexpr: f.lexpr, rexpr: right });
      return canonical(
        node('BoolExpr', { boolop: between ? 'AND_EXPR' : 'OR_EXPR', args: [compare(between ? '>=' : '<', low), compare(between ? '<=' : '>', high)] }),
      );
    }
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE':
      // `LIKE` is stored as the operator `~~` (`ILIKE` as `~~*`), which the parser already names.
      return canonical(node('A_Expr', { ...f, kind: 'AEXPR_OP' }));
    default:
      return undefined;
  }
}
