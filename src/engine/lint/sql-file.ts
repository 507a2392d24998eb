import { readIgnoreComments } from './ignore-comments';
import type { LintStatement } from './lint-statement';
import { parseScript } from '../sql/pg-parser';

/**
 * A plain .sql migration as lint input: one statement per SQL statement, each with its
 * line, and `-- db-manage-ignore` directives read like a migration file's.
 */
export function sqlFileStatements(text: string, migration: string, file?: string): LintStatement[] {
  const ignores = readIgnoreComments(text);
  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text[k] === '\n') lineStarts.push(k + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return parseScript(text).statements.map((statement, index) => {
    const line = lineOf(statement.start);
    return {
      sql: statement.sql,
      migration,
      index,
      file,
      line,
      ignore: [...ignores.file, ...ignores.at(line)],
    };
  });
}
