import type * as PgQuery from 'libpg-query';
import { DbManageError } from '../errors/db-manage-error';

/**
 * PostgreSQL's own parser and scanner (libpg_query, compiled to WebAssembly). Everything
 * that reads SQL someone wrote (lint, a recorded migration, the data a downgrade drops,
 * whether a statement only reads) goes through here; nothing splits SQL by hand.
 *
 * The module loads asynchronously once per process (~50 ms): every entry point that reads
 * SQL awaits `loadSqlParser()` first, and the functions below are synchronous after that.
 */

/** One node of the parse tree: `{ NodeType: { …fields } }`, as libpg_query serialises it. */
export type PgNode = Record<string, unknown>;

/** One statement of a script. */
export interface ParsedStatement {
  /** The statement's own text, trimmed, without its semicolon. */
  readonly sql: string;
  /** Its character offset in the script. */
  readonly start: number;
  /** `{ AlterTableStmt: {...} }` and the like; null when PostgreSQL's grammar rejects it. */
  readonly node: PgNode | null;
  /** PostgreSQL's syntax error, when `node` is null. */
  readonly error?: string;
  /** What the statement is, from its leading keywords, for messages: "CREATE FUNCTION", "DO", "INSERT". */
  readonly label: string;
}

export interface ParsedScript {
  readonly statements: readonly ParsedStatement[];
  /** The text of every comment, in order. */
  readonly comments: readonly string[];
}

export interface ScanToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tokenName: string;
  readonly keywordKind: number;
}

let loading: Promise<void> | null = null;
let loaded = false;
/** The library itself is required on first load too: a command that reads no SQL never pays for it. */
let pgQuery: typeof PgQuery;

/**
 * Loads the parser once; later calls return at once. A caller may start it and await it
 * later: a failure is then reported by that await, never as an unhandled rejection.
 */
export function loadSqlParser(): Promise<void> {
  if (!loading) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pgQuery = require('libpg-query') as typeof PgQuery;
    loading = pgQuery.loadModule().then(() => {
      loaded = true;
    });
    loading.catch(() => undefined);
  }
  return loading;
}

export function assertLoaded(): void {
  if (!loaded) {
    throw new DbManageError('internal', 'the SQL parser was used before it was loaded', {
      hint: 'Await loadSqlParser() from the db-manage API before linting or reading SQL',
    });
  }
}

const COMMENTS = new Set(['SQL_COMMENT', 'C_COMMENT']);

/** The tokens that are code: comments left out. */
export function codeTokens(tokens: readonly ScanToken[]): ScanToken[] {
  return tokens.filter((t) => !COMMENTS.has(t.tokenName));
}

/** Byte offsets (what the parser reports) to character offsets (what JavaScript slices by). */
export function byteToChar(sql: string): (byte: number) => number {
  if (Buffer.byteLength(sql) === sql.length) return (byte) => byte;
  const table: number[] = [];
  let char = 0;
  for (const ch of sql) {
    const bytes = Buffer.byteLength(ch);
    for (let k = 0; k < bytes; k++) table.push(char);
    char += ch.length;
  }
  table.push(char);
  return (byte) => table[Math.min(byte, table.length - 1)];
}

/** PostgreSQL's scanner over `sql` (byte offsets); null when it gives up (an unterminated string or comment). */
export function scan(sql: string): ScanToken[] | null {
  try {
    return (pgQuery.scanSync(sql) as { tokens?: ScanToken[] }).tokens ?? [];
  } catch {
    return null;
  }
}

/** Statement ranges (byte offsets) at top-level semicolons, for a script the grammar rejects. */
function rangesAtSemicolons(tokens: readonly ScanToken[]): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let depth = 0;
  let start = -1;
  let end = -1;
  for (const token of tokens) {
    if (COMMENTS.has(token.tokenName)) continue;
    if (token.text === ';' && depth === 0) {
      if (start !== -1) ranges.push({ start, end });
      start = -1;
      continue;
    }
    if (token.text === '(') depth++;
    else if (token.text === ')') depth = Math.max(0, depth - 1);
    if (start === -1) start = token.start;
    end = token.end;
  }
  if (start !== -1) ranges.push({ start, end });
  return ranges;
}

const LABEL_VERBS = new Set(['CREATE', 'ALTER', 'DROP', 'COMMENT']);
const LABEL_SKIPPED = new Set(['OR', 'REPLACE', 'UNIQUE', 'TEMP', 'TEMPORARY', 'UNLOGGED', 'CONSTRAINT']);

/**
 * A statement's label from its code tokens in order: the first word, and for CREATE, ALTER,
 * DROP and COMMENT the next word that is not a modifier ("CREATE OR REPLACE VIEW" → "CREATE
 * VIEW"). With only the statement's first tokens (`complete` false), null when they end
 * before the label does.
 */
function labelOf(tokens: readonly ScanToken[], complete: boolean): string | null {
  const words = tokens.filter((t) => t.keywordKind > 0 || t.tokenName === 'IDENT').map((t) => t.text.toUpperCase());
  if (words.length === 0) return complete ? '' : null;
  if (!LABEL_VERBS.has(words[0])) return words[0];
  const next = words.slice(1).find((w) => !LABEL_SKIPPED.has(w));
  if (next !== undefined) return `${words[0]} ${next}`;
  return complete ? words[0] : null;
}

/** Labels by the text before a statement's first quote: generated SQL repeats a few dozen. */
const labelsByKeywords = new Map<string, string>();

/**
 * The label of one comment-free statement. The text before its first quote, string or dollar
 * sign is scanned alone (and remembered): the tokens it ends with whole are the statement's
 * own first tokens. Where they end before the label does, the whole statement is scanned.
 */
function commentFreeLabel(statement: string): string {
  const quote = statement.search(/["'$]/);
  const keywords = quote < 0 ? statement : statement.slice(0, quote);
  const known = labelsByKeywords.get(keywords);
  if (known !== undefined) return known;
  const tokens = scan(keywords) ?? [];
  // A token that touches the quote may be the start of a longer one (E'…', U&"…").
  const end = Buffer.byteLength(keywords);
  const whole = quote < 0 ? tokens : tokens.filter((t) => t.end < end);
  const label = labelOf(whole, quote < 0);
  if (label !== null) {
    if (labelsByKeywords.size < 1000) labelsByKeywords.set(keywords, label);
    return label;
  }
  return labelOf(codeTokens(scan(statement) ?? []), true) ?? '';
}

/** One statement parsed; `node` is null when it is not exactly one statement the grammar accepts. */
export function parseOne(sql: string): { node: PgNode | null; error?: string } {
  try {
    const result = pgQuery.parseSync(sql) as { stmts?: { stmt: PgNode }[] };
    const stmts = result.stmts ?? [];
    return stmts.length === 1 ? { node: stmts[0].stmt } : { node: null, error: 'not one statement' };
  } catch (err) {
    return { node: null, error: (err as Error).message };
  }
}

/**
 * Splits a script into statements and parses each. Never throws on bad SQL: a statement the
 * grammar rejects comes back with `node: null` and PostgreSQL's message.
 */
export function parseScript(sql: string): ParsedScript {
  assertLoaded();
  return (!sql.includes('--') && !sql.includes('/*') && parseCommentFree(sql)) || parseScanned(sql);
}

/**
 * A script without `--` or `/*` has no comment (every comment starts with one), so each
 * statement is the parser's own range, trimmed, and only its label needs the scanner.
 * Null when the grammar rejects the script: parseScanned then splits it. Gives what
 * parseScanned gives (test/unit/sql/parse-script-paths.test.ts).
 */
function parseCommentFree(sql: string): ParsedScript | null {
  let result: { stmts?: { stmt: PgNode; stmt_location?: number; stmt_len?: number }[] };
  try {
    result = pgQuery.parseSync(sql) as typeof result;
  } catch {
    return null;
  }
  const toChar = byteToChar(sql);
  const total = Buffer.byteLength(sql);
  const statements: ParsedStatement[] = [];
  for (const s of result.stmts ?? []) {
    const from = toChar(s.stmt_location ?? 0);
    const raw = sql.slice(from, toChar(s.stmt_len ? (s.stmt_location ?? 0) + s.stmt_len : total));
    const text = raw.trim().replace(/;$/, '').trimEnd();
    if (text === '') continue;
    statements.push({ sql: text, start: from + raw.indexOf(text), node: s.stmt, error: undefined, label: commentFreeLabel(text) });
  }
  return { statements, comments: [] };
}

/** The general path: PostgreSQL's scanner finds comments, statement bounds and labels. */
export function parseScanned(sql: string): ParsedScript {
  assertLoaded();
  const tokens = scan(sql);
  if (tokens === null) {
    // The scanner itself gave up (an unterminated string or comment): one unparsed statement.
    const text = sql.trim();
    return { statements: text === '' ? [] : [{ sql: text, start: sql.indexOf(text), node: null, error: 'unterminated quoted string or comment', label: '' }], comments: [] };
  }
  const toChar = byteToChar(sql);
  const comments = tokens.filter((t) => COMMENTS.has(t.tokenName)).map((t) => t.text);
  const code = codeTokens(tokens);
  const statement = (startByte: number, endByte: number, node: PgNode | null, error?: string): ParsedStatement => {
    // Leading and trailing comments and blanks are not part of the statement.
    const inside = code.filter((t) => t.start >= startByte && t.end <= endByte && t.text !== ';');
    const from = inside.length ? inside[0].start : startByte;
    const to = inside.length ? inside[inside.length - 1].end : startByte;
    const start = toChar(from);
    return { sql: sql.slice(start, toChar(to)), start, node, error, label: labelOf(inside, true) ?? '' };
  };
  try {
    const result = pgQuery.parseSync(sql) as { stmts?: { stmt: PgNode; stmt_location?: number; stmt_len?: number }[] };
    const total = Buffer.byteLength(sql);
    const statements = (result.stmts ?? []).map((s) => {
      const start = s.stmt_location ?? 0;
      const end = s.stmt_len ? start + s.stmt_len : total;
      return statement(start, end, s.stmt);
    });
    return { statements: statements.filter((s) => s.sql !== ''), comments };
  } catch {
    // One statement is wrong: parse them one by one, so the others are still read.
    const bytes = Buffer.from(sql);
    const statements = rangesAtSemicolons(tokens).map(({ start, end }) => {
      const { node, error } = parseOne(bytes.subarray(start, end).toString());
      return statement(start, end, node, error);
    });
    return { statements, comments };
  }
}

/**
 * The statements of a script as parse trees only, for a reader that needs no text, labels or
 * comments (what a downgrade drops): one call into the parser, no scan. A script the grammar
 * rejects is read as parseScript reads it.
 */
export function parseTrees(sql: string): ParsedStatement[] {
  assertLoaded();
  try {
    const result = pgQuery.parseSync(sql) as { stmts?: { stmt: PgNode }[] };
    return (result.stmts ?? []).map((s) => ({ sql: '', start: 0, node: s.stmt, label: '' }));
  } catch {
    return [...parseScript(sql).statements];
  }
}
