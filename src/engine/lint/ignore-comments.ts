import { ignoredCodes } from './sql/classify';

/** Inline `db-manage-ignore <code>` directives of one source file. */
export interface IgnoreComments {
  /** Codes silenced for the whole file: directives in its header, before the first line of code. */
  readonly file: readonly string[];
  /** Codes silenced at a statement on this 1-based line: a directive on the line itself or in the comments right above it. */
  at(line: number): string[];
}

const COMMENT_LINE = /^\s*(\/\/|--|\/\*|\*)/;
const HEADER_CODE = /^\s*(import\b|export\s+(type\s+)?\{|'use strict'|"use strict")/;

/**
 * Reads the directives of a migration file (TypeScript `//` comments, SQL `--` comments,
 * or block comments). The header is every line before the first one that is not blank,
 * a comment or an import.
 */
export function readIgnoreComments(text: string): IgnoreComments {
  const lines = text.split(/\r?\n/);
  const file: string[] = [];
  let k = 0;
  for (; k < lines.length; k++) {
    const line = lines[k];
    if (line.trim() === '' || HEADER_CODE.test(line)) continue;
    if (!COMMENT_LINE.test(line)) break;
    file.push(...ignoredCodes(line));
  }
  const headerEnd = k;
  return {
    file,
    at(lineNumber: number): string[] {
      const index = lineNumber - 1;
      if (index < headerEnd || index >= lines.length) return [];
      const codes = ignoredCodes(lines[index]);
      for (let j = index - 1; j >= headerEnd && COMMENT_LINE.test(lines[j]); j--) codes.push(...ignoredCodes(lines[j]));
      return codes;
    },
  };
}
