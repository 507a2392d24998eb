import type { TableName } from './shape';
import type { Token } from './tokenize';

/** A read position in one statement's tokens, with the few moves a DDL classifier needs. */
export class Cursor {
  private pos = 0;

  constructor(
    private readonly tokens: readonly Token[],
    /** The statement's source, for quoting expressions back as written. */
    private readonly sql: string,
  ) {}

  get done(): boolean {
    return this.pos >= this.tokens.length;
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  next(): Token | undefined {
    return this.tokens[this.pos++];
  }

  /** True when the next tokens are these keywords, in order. */
  isWord(...words: string[]): boolean {
    return words.every((w, k) => this.peek(k)?.upper === w);
  }

  /** Consumes the keywords if they come next. */
  accept(...words: string[]): boolean {
    if (!this.isWord(...words)) return false;
    this.pos += words.length;
    return true;
  }

  isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.kind === 'punct' && t.text === text;
  }

  acceptPunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.pos++;
    return true;
  }

  /** An identifier: unquoted words fold to lower case, quoted ones keep their spelling. */
  ident(): string | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.kind === 'quoted') {
      this.pos++;
      return t.text;
    }
    if (t.kind === 'word') {
      this.pos++;
      return t.text.toLowerCase();
    }
    return undefined;
  }

  /** name, schema.name or database.schema.name (the database part is dropped). */
  tableName(): TableName | undefined {
    const parts: string[] = [];
    const first = this.ident();
    if (first === undefined) return undefined;
    parts.push(first);
    while (this.isPunct('.')) {
      this.pos++;
      const part = this.ident();
      if (part === undefined) break;
      parts.push(part);
    }
    const name = parts[parts.length - 1];
    return parts.length > 1 ? { schema: parts[parts.length - 2], name } : { name };
  }

  /** A parenthesised identifier list, e.g. (a, "B"); empty when none follows. */
  identList(): string[] {
    const out: string[] = [];
    if (!this.acceptPunct('(')) return out;
    let depth = 1;
    let expectName = true;
    while (!this.done && depth > 0) {
      const t = this.peek()!;
      if (t.kind === 'punct' && t.text === '(') depth++;
      if (t.kind === 'punct' && t.text === ')') depth--;
      if (depth === 1 && expectName && (t.kind === 'word' || t.kind === 'quoted')) {
        out.push(t.kind === 'quoted' ? t.text : t.text.toLowerCase());
        expectName = false;
      }
      if (depth === 1 && t.kind === 'punct' && t.text === ',') expectName = true;
      this.pos++;
    }
    return out;
  }

  /** Skips a balanced parenthesised group if one starts here; returns its inner tokens. */
  group(): Token[] {
    if (!this.isPunct('(')) return [];
    const start = this.pos;
    let depth = 0;
    do {
      const t = this.next()!;
      if (t.kind === 'punct' && t.text === '(') depth++;
      if (t.kind === 'punct' && t.text === ')') depth--;
    } while (!this.done && depth > 0);
    return this.tokens.slice(start + 1, this.pos - 1);
  }

  /**
   * Takes tokens until `stop` says so at parenthesis depth 0 (or the end).
   * The first token is always taken, so an expression like NULL can be consumed whole.
   */
  until(stop: (c: Cursor) => boolean): Token[] {
    const start = this.pos;
    let depth = 0;
    while (!this.done) {
      if (depth === 0 && this.pos > start && stop(this)) break;
      const t = this.next()!;
      if (t.kind === 'punct' && (t.text === '(' || t.text === '[')) depth++;
      if (t.kind === 'punct' && (t.text === ')' || t.text === ']')) depth--;
    }
    return this.tokens.slice(start, this.pos);
  }

  rest(): Token[] {
    const out = this.tokens.slice(this.pos);
    this.pos = this.tokens.length;
    return out;
  }

  /** The source text of a run of tokens, whitespace collapsed. */
  text(tokens: readonly Token[]): string {
    if (tokens.length === 0) return '';
    return this.sql.slice(tokens[0].start, tokens[tokens.length - 1].end).replace(/\s+/g, ' ').trim();
  }
}

/** Splits tokens at commas on parenthesis depth 0: the sub-commands of one ALTER TABLE. */
export function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && (t.text === '(' || t.text === '[')) depth++;
    if (t.kind === 'punct' && (t.text === ')' || t.text === ']')) depth--;
    if (depth === 0 && t.kind === 'punct' && t.text === ',') {
      out.push(current);
      current = [];
    } else {
      current.push(t);
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Lower-cased names of the functions an expression calls: `x(`, `schema.x(`. */
export function calledFunctions(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (let k = 0; k + 1 < tokens.length; k++) {
    const t = tokens[k];
    const after = tokens[k + 1];
    if ((t.kind === 'word' || t.kind === 'quoted') && after.kind === 'punct' && after.text === '(') {
      out.push(t.kind === 'quoted' ? t.text : t.text.toLowerCase());
    }
  }
  return out;
}
