import { byteToChar, codeTokens, scan } from './pg-parser';

/**
 * Where a statement's leading keywords end, read with PostgreSQL's scanner (so comments,
 * quoted names and case are as PostgreSQL sees them). `pattern` is a list of steps: a word
 * or words that must follow (`'TABLE'`, `'IF EXISTS'`), the same ending in `?` when they
 * may be absent, and `'<name>'` for a possibly qualified name. Returns the character offset
 * just after the last matched step, or undefined when the statement does not start so.
 */
export function keywordPrefixEnd(sql: string, pattern: readonly string[]): number | undefined {
  const all = scan(sql);
  if (all === null) return undefined;
  const tokens = codeTokens(all);
  const word = (i: number) => (tokens[i] && !tokens[i].text.startsWith('"') ? tokens[i].text.toUpperCase() : undefined);
  let i = 0;
  let end = 0;
  for (const step of pattern) {
    if (step === '<name>') {
      const isName = (k: number) => tokens[k] !== undefined && (tokens[k].tokenName === 'IDENT' || tokens[k].keywordKind > 0);
      if (!isName(i)) return undefined;
      i++;
      while (tokens[i]?.text === '.' && isName(i + 1)) i += 2;
      end = tokens[i - 1].end;
      continue;
    }
    const optional = step.endsWith('?');
    const words = (optional ? step.slice(0, -1) : step).split(' ');
    const matches = words.every((w, k) => word(i + k) === w);
    if (!matches) {
      if (optional) continue;
      return undefined;
    }
    i += words.length;
    end = tokens[i - 1].end;
  }
  // The scanner counts bytes; JavaScript slices by characters.
  return byteToChar(sql)(end);
}
