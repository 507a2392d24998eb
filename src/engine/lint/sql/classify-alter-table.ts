import { calledFunctions, Cursor, splitTopLevel } from './cursor';
import type { AddColumn, AddConstraint, AlterAction } from './shape';
import type { Token } from './tokenize';

/** Words that end a column's type or a DEFAULT expression in a column definition. */
const COLUMN_CLAUSE = new Set([
  'CONSTRAINT', 'NULL', 'DEFAULT', 'PRIMARY', 'UNIQUE', 'CHECK', 'REFERENCES', 'GENERATED',
  'COLLATE', 'COMPRESSION', 'STORAGE', 'DEFERRABLE', 'INITIALLY',
]);

const TABLE_CONSTRAINT_START = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN', 'EXCLUDE']);

function atColumnClause(c: Cursor): boolean {
  const t = c.peek();
  if (!t || t.kind !== 'word') return false;
  if (t.upper === 'NOT') return c.isWord('NOT', 'NULL') || c.isWord('NOT', 'DEFERRABLE');
  return COLUMN_CLAUSE.has(t.upper);
}

/** The column named by `CHECK (col IS NOT NULL)`, the safe preparation for SET NOT NULL. */
function notNullCheckColumn(inner: readonly Token[]): string | undefined {
  let body = inner;
  while (body.length > 2 && body[0].text === '(' && body[body.length - 1].text === ')') body = body.slice(1, -1);
  if (body.length !== 4) return undefined;
  const [col, is, not, nul] = body;
  if (col.kind !== 'word' && col.kind !== 'quoted') return undefined;
  if (is.upper !== 'IS' || not.upper !== 'NOT' || nul.upper !== 'NULL') return undefined;
  return col.kind === 'quoted' ? col.text : col.text.toLowerCase();
}

function addColumn(c: Cursor): AddColumn {
  c.accept('IF', 'NOT', 'EXISTS');
  const column = c.ident() ?? '';
  const type = c.text(c.until(atColumnClause));
  let notNull = false;
  let defaultExpr: string | undefined;
  let defaultCalls: string[] = [];
  let generated: AddColumn['generated'];
  let primaryKey = false;
  let unique = false;
  let check = false;
  let references: AddColumn['references'];
  while (!c.done) {
    if (c.accept('NOT', 'NULL')) notNull = true;
    else if (c.accept('DEFAULT')) {
      const expr = c.until(atColumnClause);
      defaultExpr = c.text(expr);
      defaultCalls = calledFunctions(expr);
    } else if (c.accept('GENERATED')) {
      c.accept('ALWAYS') || c.accept('BY', 'DEFAULT');
      const tail = c.until(atColumnClause);
      generated = tail.some((t) => t.upper === 'IDENTITY') ? 'identity' : 'stored';
    } else if (c.accept('PRIMARY', 'KEY')) primaryKey = true;
    else if (c.accept('UNIQUE')) unique = true;
    else if (c.accept('CHECK')) {
      check = true;
      c.group();
    } else if (c.accept('REFERENCES')) references = c.tableName();
    else if (c.accept('CONSTRAINT')) c.ident();
    else c.next();
  }
  return { kind: 'add-column', column, type, notNull, defaultExpr, defaultCalls, generated, primaryKey, unique, check, references };
}

function addConstraint(c: Cursor): AddConstraint {
  const name = c.accept('CONSTRAINT') ? c.ident() : undefined;
  let constraint: AddConstraint['constraint'] = 'check';
  let columns: string[] = [];
  let usingIndex = false;
  let references: AddConstraint['references'];
  let notNullColumn: string | undefined;
  if (c.accept('CHECK')) {
    notNullColumn = notNullCheckColumn(c.group());
  } else if (c.accept('FOREIGN', 'KEY')) {
    constraint = 'foreign-key';
    columns = c.identList();
    if (c.accept('REFERENCES')) references = c.tableName();
  } else if (c.isWord('UNIQUE') || c.isWord('PRIMARY', 'KEY')) {
    constraint = c.accept('UNIQUE') ? 'unique' : 'primary-key';
    c.accept('PRIMARY', 'KEY');
    c.accept('NULLS', 'NOT', 'DISTINCT') || c.accept('NULLS', 'DISTINCT');
    usingIndex = c.accept('USING', 'INDEX');
    columns = usingIndex ? [] : c.identList();
  } else if (c.accept('EXCLUDE')) {
    constraint = 'exclude';
  }
  const tail = c.rest();
  const notValid = tail.some((t, k) => t.upper === 'NOT' && tail[k + 1]?.upper === 'VALID');
  return { kind: 'add-constraint', name, constraint, notValid, usingIndex, columns, references, notNullColumn };
}

function alterColumn(c: Cursor): AlterAction {
  const column = c.ident() ?? '';
  if (c.accept('SET', 'DATA', 'TYPE') || c.accept('TYPE')) {
    const type = c.text(c.until((x) => x.isWord('COLLATE') || x.isWord('USING')));
    if (c.accept('COLLATE')) c.ident();
    const using = c.accept('USING') ? c.text(c.rest()) : undefined;
    return { kind: 'alter-column-type', column, type, using };
  }
  if (c.accept('SET', 'NOT', 'NULL')) return { kind: 'set-not-null', column };
  if (c.accept('DROP', 'NOT', 'NULL')) return { kind: 'drop-not-null', column };
  if (c.accept('SET', 'DEFAULT')) return { kind: 'set-default', column, expr: c.text(c.rest()) };
  if (c.accept('DROP', 'DEFAULT')) return { kind: 'drop-default', column };
  return { kind: 'other-action', text: `ALTER COLUMN ${column} ${c.text(c.rest())}` };
}

function rename(c: Cursor): AlterAction {
  if (c.accept('TO')) return { kind: 'rename-table', to: c.ident() ?? '' };
  if (c.accept('CONSTRAINT')) {
    const from = c.ident() ?? '';
    c.accept('TO');
    return { kind: 'rename-constraint', from, to: c.ident() ?? '' };
  }
  c.accept('COLUMN');
  const from = c.ident() ?? '';
  c.accept('TO');
  return { kind: 'rename-column', from, to: c.ident() ?? '' };
}

function action(tokens: readonly Token[], sql: string): AlterAction {
  const c = new Cursor(tokens, sql);
  const whole = c.text(tokens);
  if (c.accept('ADD')) {
    const next = c.peek();
    if (next && next.kind === 'word' && TABLE_CONSTRAINT_START.has(next.upper)) return addConstraint(c);
    c.accept('COLUMN');
    return addColumn(c);
  }
  if (c.accept('DROP', 'CONSTRAINT')) {
    c.accept('IF', 'EXISTS');
    return { kind: 'drop-constraint', name: c.ident() ?? '' };
  }
  if (c.accept('DROP')) {
    c.accept('COLUMN');
    c.accept('IF', 'EXISTS');
    return { kind: 'drop-column', column: c.ident() ?? '' };
  }
  if (c.accept('ALTER')) {
    if (c.isWord('CONSTRAINT')) return { kind: 'other-action', text: whole };
    c.accept('COLUMN');
    return alterColumn(c);
  }
  if (c.accept('VALIDATE', 'CONSTRAINT')) return { kind: 'validate-constraint', name: c.ident() ?? '' };
  if (c.accept('RENAME')) return rename(c);
  return { kind: 'other-action', text: whole };
}

/** The sub-commands of `ALTER TABLE name …`, given the tokens after the table name. */
export function alterTableActions(tokens: readonly Token[], sql: string): AlterAction[] {
  return splitTopLevel(tokens)
    .filter((part) => part.length > 0)
    .map((part) => action(part, sql));
}
