import type { DataSource } from 'typeorm';
import { LITERAL_PATTERN, unquoteLiteral } from '../sql/quote';
import { parseArrayLiteral } from './canonical/array-literal';
import { typeParts } from './canonical/canonical-type';
import { managedEntities } from './entity-model';
import type { SchemaModel } from './schema-model';

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

const TEXT_WITH_LENGTH = new Set(['character varying', 'character']);
const LEADING_LITERAL = new RegExp(`^${LITERAL_PATTERN}`);

/**
 * A default longer than its column holds: CREATE TABLE stores it unchecked, but every insert
 * that uses it fails, and so does adding the column to a table (or a down() adding it back).
 * One line per column, in the model's canonical spelling.
 */
export function defaultsThatDoNotFit(model: SchemaModel): string[] {
  const out: string[] = [];
  for (const table of model.tables) {
    for (const column of table.columns) {
      if (column.default === null) continue;
      const parts = typeParts(column.type);
      if (!TEXT_WITH_LENGTH.has(parts.name) || parts.mods.length === 0) continue;
      const literal = LEADING_LITERAL.exec(column.default.trim())?.[0];
      const text = literal === undefined ? null : unquoteLiteral(literal);
      if (text === null) continue;
      const values = parts.array ? (parseArrayLiteral(text) ?? []) : [text];
      const long = values.find((v) => v !== null && [...v].length > parts.mods[0]);
      if (long === undefined || long === null) continue;
      out.push(
        `${table.schema}.${table.name}.${column.name}: the default ${JSON.stringify(long)} is longer than ${column.type} holds, so every insert that uses it fails, and so does adding the column to a table that exists; shorten the default or widen the column`,
      );
    }
  }
  return out.sort();
}
