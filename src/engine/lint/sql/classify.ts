import { alterTableActions } from './classify-alter-table';
import { Cursor } from './cursor';
import type { Shape, TableName } from './shape';
import { splitStatements, tokenize, type Token } from './tokenize';

/** One SQL statement of a query string, typed. */
export interface Classified {
  /** The statement's own text (a query string may hold several). */
  readonly sql: string;
  readonly shape: Shape;
}

export interface ClassifiedScript {
  readonly statements: readonly Classified[];
  /** Rule codes named by `-- db-manage-ignore <code>` comments anywhere in the script. */
  readonly ignores: readonly string[];
}

const IGNORE_COMMENT = /db-manage-ignore\s+([a-z0-9-]+(?:\s*,?\s*[a-z0-9-]+)*)/i;

/** The codes an ignore directive names, from a comment's or a source line's text. */
export function ignoredCodes(text: string): string[] {
  const m = IGNORE_COMMENT.exec(text);
  if (!m) return [];
  return m[1].split(/[\s,]+/).filter((code) => code !== '' && code.includes('-'));
}

/** Statements that take a strong table lock without our parsing their table. */
const TABLE_LOCKING = [['TRUNCATE'], ['LOCK'], ['CLUSTER'], ['VACUUM', 'FULL'], ['CREATE', 'TRIGGER'], ['DROP', 'TRIGGER'],
  ['CREATE', 'OR', 'REPLACE', 'TRIGGER'], ['CREATE', 'CONSTRAINT', 'TRIGGER'], ['CREATE', 'RULE'], ['CREATE', 'OR', 'REPLACE', 'RULE'],
  ['ALTER', 'TRIGGER'], ['ALTER', 'INDEX']];

function settingValue(tokens: readonly Token[], c: Cursor): string | null {
  if (tokens.length === 1 && tokens[0].upper === 'DEFAULT') return null;
  if (tokens.length === 1 && tokens[0].kind === 'string') return tokens[0].text;
  return c.text(tokens);
}

function classifySet(c: Cursor): Shape {
  const local = c.accept('LOCAL');
  c.accept('SESSION');
  const name = (c.ident() ?? '').toLowerCase();
  if (!c.accept('TO') && !c.acceptPunct('=')) c.next();
  return { kind: 'set', name, value: settingValue(c.rest(), c), local };
}

/** SELECT set_config('lock_timeout', '5s', true): the function form of SET. */
function classifySetConfig(tokens: readonly Token[]): Shape | undefined {
  const at = tokens.findIndex((t, k) => t.kind === 'word' && t.text.toLowerCase() === 'set_config' && tokens[k + 1]?.text === '(');
  if (at === -1) return undefined;
  const [name, value, local] = tokens.slice(at + 2).filter((t) => t.kind !== 'punct');
  if (name?.kind !== 'string' || value?.kind !== 'string') return undefined;
  return { kind: 'set', name: name.text.toLowerCase(), value: value.text, local: local?.upper === 'TRUE' };
}

function classifyCreateIndex(c: Cursor): Shape {
  const unique = c.accept('UNIQUE');
  c.accept('INDEX');
  const concurrently = c.accept('CONCURRENTLY');
  c.accept('IF', 'NOT', 'EXISTS');
  const index = c.isWord('ON') ? undefined : c.ident();
  c.accept('ON');
  c.accept('ONLY');
  const table = c.tableName() ?? { name: '' };
  return { kind: 'create-index', table, index, concurrently, unique };
}

function classifyCreateTable(c: Cursor): Shape {
  c.accept('GLOBAL') || c.accept('LOCAL');
  const temporary = c.accept('TEMP') || c.accept('TEMPORARY');
  c.accept('UNLOGGED');
  c.accept('TABLE');
  c.accept('IF', 'NOT', 'EXISTS');
  return { kind: 'create-table', table: c.tableName() ?? { name: '' }, temporary };
}

function classifyDropTable(c: Cursor): Shape {
  c.accept('IF', 'EXISTS');
  const tables: TableName[] = [];
  for (;;) {
    const table = c.tableName();
    if (!table) break;
    tables.push(table);
    if (!c.acceptPunct(',')) break;
  }
  return { kind: 'drop-table', tables };
}

function classifyAlterTable(c: Cursor, sql: string): Shape {
  c.accept('IF', 'EXISTS');
  c.accept('ONLY');
  const table = c.tableName() ?? { name: '' };
  if (c.peek()?.text === '*') c.next();
  return { kind: 'alter-table', table, actions: alterTableActions(c.rest(), sql) };
}

function isCreateTable(c: Cursor): boolean {
  let k = 1;
  while (['GLOBAL', 'LOCAL', 'TEMP', 'TEMPORARY', 'UNLOGGED'].includes(c.peek(k)?.upper ?? '')) k++;
  return c.peek(k)?.upper === 'TABLE';
}

/** "CREATE FUNCTION", "DO", "INSERT": what a statement is, for messages. */
function statementLabel(tokens: readonly Token[]): string {
  const words = tokens.filter((t) => t.kind === 'word').map((t) => t.upper);
  if (!['CREATE', 'ALTER', 'DROP', 'COMMENT'].includes(words[0])) return words[0] ?? '';
  const rest = words.slice(1).filter((w) => !['OR', 'REPLACE', 'UNIQUE', 'TEMP', 'TEMPORARY', 'UNLOGGED', 'CONSTRAINT'].includes(w));
  return `${words[0]} ${rest[0] ?? ''}`.trim();
}

/** Classifies one statement's tokens. */
export function classifyTokens(tokens: readonly Token[], sql: string): Shape {
  const c = new Cursor(tokens, sql);
  const head = tokens.slice(0, 4).map((t) => t.upper).join(' ');
  const statement = statementLabel(tokens);
  if (c.isWord('CREATE', 'INDEX') || c.isWord('CREATE', 'UNIQUE', 'INDEX')) {
    c.next();
    return classifyCreateIndex(c);
  }
  if (c.isWord('CREATE') && isCreateTable(c)) {
    c.next();
    return classifyCreateTable(c);
  }
  if (c.accept('ALTER', 'TABLE')) return classifyAlterTable(c, sql);
  if (c.accept('DROP', 'TABLE')) return classifyDropTable(c);
  if (c.accept('DROP', 'INDEX')) return { kind: 'drop-index', concurrently: c.accept('CONCURRENTLY') };
  if (c.accept('REINDEX')) return { kind: 'reindex', concurrently: tokens.some((t) => t.upper === 'CONCURRENTLY') };
  if (c.accept('SET')) return classifySet(c);
  if (c.accept('RESET')) return { kind: 'set', name: (c.ident() ?? '').toLowerCase(), value: null, local: false };
  if (c.isWord('SELECT')) {
    const set = classifySetConfig(tokens);
    if (set) return set;
  }
  if (TABLE_LOCKING.some((words) => head.startsWith(words.join(' ')))) return { kind: 'table-lock', statement };
  return { kind: 'other', statement };
}

/** Splits a query string into statements and classifies each. Never throws. */
export function classify(sql: string): ClassifiedScript {
  const { tokens, comments } = tokenize(sql);
  const statements = splitStatements(tokens).map((part) => ({
    sql: sql.slice(part[0].start, part[part.length - 1].end).trim(),
    shape: classifyTokens(part, sql),
  }));
  return { statements, ignores: comments.flatMap((comment) => ignoredCodes(comment.text)) };
}
