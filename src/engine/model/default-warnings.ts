import type { DataSource } from 'typeorm';
import { managedEntities } from './entity-model';

/**
 * A string default is a value: `default: 'now()'` stores the text, or, in a timestamp
 * column, the moment the migration ran, for ever. A string that reads like SQL that
 * should run on every insert was almost surely meant as `default: () => '…'`.
 */
const LOOKS_LIKE_SQL = /^\s*(?:[A-Za-z_][\w$]*\.)?[A-Za-z_][\w$]*\(.*\)\s*$|^\s*(?:current_(?:timestamp|date|time|user|role|schema|catalog)|localtime(?:stamp)?|session_user)(?:\s*\(\s*\d+\s*\))?\s*$/is;

/** One line per column whose string default looks like a function call or an SQL value function. */
export function defaultWarnings(ds: DataSource): string[] {
  const out: string[] = [];
  for (const metadata of managedEntities(ds)) {
    for (const column of metadata.columns) {
      const value: unknown = column.default;
      if (typeof value !== 'string' || !LOOKS_LIKE_SQL.test(value)) continue;
      const sql = value.trim().replace(/'/g, "\\'");
      out.push(`${metadata.name}.${column.propertyPath}: the default '${value.trim()}' is stored as that text, not run; did you mean default: () => '${sql}'?`);
    }
  }
  return out.sort();
}
