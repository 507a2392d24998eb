import { columnReferences } from './pg-expression';
import { quoteIdent } from './quote';

/**
 * `sql` with every reference to column `from` made a reference to `to`, as PostgreSQL
 * rewrites index predicates, CHECK and EXCLUDE expressions and generated columns when a
 * column is renamed (it stores them as parse trees, not text). The references are the
 * ones PostgreSQL's parser finds; strings, type names, qualified names, function names and
 * keywords stay byte for byte, as does text the parser does not read (the parser must be
 * loaded first).
 */
export function renameInExpression(sql: string, from: string, to: string, kind: 'expression' | 'exclusion' = 'expression'): string {
  const refs = columnReferences(sql, kind)?.filter((ref) => ref.name === from) ?? [];
  let out = '';
  let at = 0;
  for (const ref of refs) {
    out += sql.slice(at, ref.start) + quoteIdent(to);
    at = ref.end;
  }
  return out + sql.slice(at);
}
