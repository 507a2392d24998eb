import { canonicalType, canonicalTypeName } from '../model/canonical/canonical-type';

/**
 * Small readers over libpg_query's parse tree. Its JSON leaves out fields at their
 * default (false, 0, empty), so every reader tolerates an absent field.
 */

/** The node's type and its fields: `{ AlterTableStmt: {…} }` → ['AlterTableStmt', {…}]. */
export function nodeOf(node: unknown): [string, Record<string, unknown>] | null {
  if (node === null || typeof node !== 'object') return null;
  const [type] = Object.keys(node);
  if (type === undefined) return null;
  const fields = (node as Record<string, unknown>)[type];
  return [type, fields !== null && typeof fields === 'object' ? (fields as Record<string, unknown>) : {}];
}

/** The fields of a node of this type, or null when it is another type. */
export function fieldsOf(node: unknown, type: string): Record<string, unknown> | null {
  const n = nodeOf(node);
  return n && n[0] === type ? n[1] : null;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A `String` node's text. */
export function str(node: unknown): string | undefined {
  const s = fieldsOf(node, 'String');
  return s ? String(s.sval ?? '') : undefined;
}

/** The strings of a list of `String` nodes (a qualified name, a column list). */
export function strings(value: unknown): string[] {
  return list(value).map(str).filter((s): s is string => s !== undefined);
}

export interface RelationName {
  readonly schema?: string;
  readonly name: string;
}

/** A RangeVar (as a bare object or wrapped in `{ RangeVar: … }`) as schema and name. */
export function relation(value: unknown): RelationName {
  const rv = (fieldsOf(value, 'RangeVar') ?? (value as Record<string, unknown> | undefined) ?? {}) as Record<string, unknown>;
  const name = String(rv.relname ?? '');
  return typeof rv.schemaname === 'string' ? { schema: rv.schemaname, name } : { name };
}

/** A qualified name given as a list of strings: [schema, name] or [name]. */
export function qualifiedName(parts: readonly string[]): RelationName {
  const name = parts[parts.length - 1] ?? '';
  return parts.length > 1 ? { schema: parts[parts.length - 2], name } : { name };
}

/** An A_Const's value as text (null for NULL), or undefined for anything else. */
export function constantText(node: unknown): string | null | undefined {
  const c = fieldsOf(node, 'A_Const');
  if (!c) return undefined;
  if (c.isnull) return null;
  const [kind, value] = nodeOf(Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'location'))) ?? [];
  if (!kind || !value) return '0';
  const v = value as Record<string, unknown>;
  switch (kind) {
    case 'sval':
      return String(v.sval ?? '');
    case 'ival':
      return String(v.ival ?? 0);
    case 'fval':
      return String(v.fval ?? '0');
    case 'boolval':
      return v.boolval ? 'true' : 'false';
    case 'bsval':
      return String(v.bsval ?? '');
    default:
      return undefined;
  }
}

/** Calls every node (objects with one capitalised key) under `root`, depth first. */
export function walk(root: unknown, visit: (type: string, fields: Record<string, unknown>) => void): void {
  if (Array.isArray(root)) {
    for (const item of root) walk(item, visit);
    return;
  }
  if (root === null || typeof root !== 'object') return;
  for (const [key, value] of Object.entries(root)) {
    if (/^[A-Z]/.test(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      visit(key, value as Record<string, unknown>);
    }
    walk(value, visit);
  }
}

/** The names of the functions an expression calls, lower case, without schema. */
export function calledFunctions(expr: unknown): string[] {
  const out: string[] = [];
  walk(expr, (type, fields) => {
    if (type !== 'FuncCall') return;
    const name = strings(fields.funcname);
    if (name.length) out.push(name[name.length - 1].toLowerCase());
  });
  return out;
}

/**
 * A TypeName in the one spelling the diff uses too (format_type()'s: `character varying(20)`,
 * `integer`, `timestamp(3) with time zone[]`); other types as `schema.name`.
 */
export function typeText(typeName: unknown): string {
  const t = (fieldsOf(typeName, 'TypeName') ?? (typeName as Record<string, unknown> | undefined) ?? {}) as Record<string, unknown>;
  const names = strings(t.names);
  const builtIn = names[0] === 'pg_catalog' && names.length === 2;
  const base = builtIn ? names[1] : names.join('.');
  const mods = list(t.typmods).map((m) => Number(constantText(m))).filter((m) => Number.isFinite(m));
  const array = list(t.arrayBounds).length > 0;
  if (!builtIn && names.length > 1) return `${base}${array ? '[]' : ''}`;
  // `"char"` (quoted) is PostgreSQL's one-byte type, not the SQL keyword char (bpchar).
  if (!builtIn && base === 'char') return `"char"${array ? '[]' : ''}`;
  const name = canonicalTypeName(base);
  // interval [fields] [(p)]: the grammar puts a field mask first; only the precision is a modifier.
  const modifiers = name === 'interval' ? (mods.length === 2 ? [mods[1]] : []) : mods;
  if (name === 'numeric') return canonicalType({ base: name, precision: modifiers[0], scale: modifiers[1], array });
  if (modifiers.length === 0) return canonicalType({ base: name, array });
  const [first] = modifiers;
  return canonicalType({ base: name, length: first, precision: first, array });
}
