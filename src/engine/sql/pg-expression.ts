import { fieldsOf, list, walk } from './pg-ast';
import { assertLoaded, byteToChar, codeTokens, parseOne, scan, type PgNode, type ScanToken } from './pg-parser';
import { storedName } from '../model/stored-names';

/**
 * Expressions as PostgreSQL's grammar reads them: a CHECK, an index predicate or
 * expression, a generated column (`SELECT <expression>`), and what follows EXCLUDE
 * (`ALTER TABLE t ADD EXCLUDE <text>`). The parser must be loaded first.
 */
type Kind = 'expression' | 'exclusion';

const PREFIX: Record<Kind, string> = { expression: 'SELECT ', exclusion: 'ALTER TABLE t ADD EXCLUDE ' };

/** One expression's parse tree; null when the text is not exactly one expression. */
export function parseExpression(sql: string): PgNode | null {
  assertLoaded();
  const { node } = parseOne(PREFIX.expression + sql);
  const select = fieldsOf(node, 'SelectStmt');
  if (!select || Object.keys(select).some((key) => !['targetList', 'limitOption', 'op'].includes(key))) return null;
  const targets = list(select.targetList).map((t) => fieldsOf(t, 'ResTarget'));
  if (targets.length !== 1 || targets[0]?.name !== undefined) return null;
  return (targets[0]?.val as PgNode | undefined) ?? null;
}

/** What follows EXCLUDE (`USING gist (during WITH &&) WHERE (…)`) as a Constraint node; null when it is not that. */
export function parseExclusion(sql: string): PgNode | null {
  assertLoaded();
  const { node } = parseOne(PREFIX.exclusion + sql);
  const cmds = list(fieldsOf(node, 'AlterTableStmt')?.cmds);
  const def = cmds.length === 1 ? fieldsOf(cmds[0], 'AlterTableCmd')?.def : undefined;
  return fieldsOf(def, 'Constraint') ? (def as PgNode) : null;
}

export interface ColumnReference {
  /** The column's name as PostgreSQL stores it (folded, unquoted, at most 63 bytes). */
  readonly name: string;
  /** Its character range in the text. */
  readonly start: number;
  readonly end: number;
}

/** An identifier token's name: a quoted one as written, a bare one folded to lower case. */
function identifierName(token: ScanToken): string {
  const text = token.text;
  return storedName(text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase());
}

/**
 * Every unqualified column reference in an expression or exclusion, where PostgreSQL would
 * store a column (a ColumnRef of one name, or an exclusion element that names a column):
 * not strings, type names, function names, qualified names or keywords. Null when the text
 * does not parse.
 */
export function columnReferences(sql: string, kind: Kind): ColumnReference[] | null {
  const text = PREFIX[kind] + sql;
  const tree = kind === 'expression' ? parseExpression(sql) : parseExclusion(sql);
  const tokens = tree === null ? null : scan(text);
  if (tree === null || tokens === null) return null;
  const starts = new Set<number>();
  walk(tree, (type, fields) => {
    const names = type === 'ColumnRef' ? list(fields.fields) : [];
    if (names.length === 1 && fieldsOf(names[0], 'String') && typeof fields.location === 'number') starts.add(fields.location);
  });
  if (kind === 'exclusion') for (const start of exclusionElementNames(tokens)) starts.add(start);
  // Offsets in `sql`: the prefix is ASCII, so its bytes are its characters.
  const prefix = PREFIX[kind].length;
  const charOf = byteToChar(text);
  const toChar = (byte: number) => charOf(byte) - prefix;
  return tokens
    .filter((t) => starts.has(t.start) && t.start >= prefix)
    .map((t) => ({ name: identifierName(t), start: toChar(t.start), end: toChar(t.end) }));
}

/**
 * The byte offsets of exclusion elements that name a column (`during` in
 * `USING gist (during WITH &&)`): the first token of an element, not followed by `(`
 * (a function) — an expression element is parenthesised and its ColumnRefs are found above.
 */
function exclusionElementNames(tokens: readonly ScanToken[]): number[] {
  const code = codeTokens(tokens);
  const open = code.findIndex((t, i) => t.text === '(' && code.slice(0, i).some((u) => u.text.toUpperCase() === 'EXCLUDE'));
  const out: number[] = [];
  let depth = 0;
  for (let i = open; i >= 0 && i < code.length; i++) {
    const t = code[i];
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) break;
    const first = depth === 1 && (t.text === '(' || t.text === ',') && i + 1 < code.length;
    if (first && (code[i + 1].tokenName === 'IDENT' || code[i + 1].keywordKind > 0) && code[i + 2]?.text !== '(') out.push(code[i + 1].start);
  }
  return out;
}
