import { DbManageError } from '../errors/db-manage-error';
import { enumOfType, enumType } from './canonical/canonical-type';
import type { EnumModel, TableModel } from './schema-model';

/** NAMEDATALEN - 1: PostgreSQL keeps this many bytes of an identifier and drops the rest. */
export const MAX_IDENTIFIER_BYTES = 63;

/**
 * An identifier as PostgreSQL stores it: the first 63 bytes, cut at a character boundary
 * (pg_mbcliplen), so a Greek or CJK name never ends in half a character.
 */
export function storedName(name: string): string {
  return Buffer.byteLength(name, 'utf8') <= MAX_IDENTIFIER_BYTES ? name : clip(name, MAX_IDENTIFIER_BYTES);
}

export type NameKind = 'schema' | 'table' | 'column' | 'enum' | 'index' | 'constraint';

/** A declared name PostgreSQL will shorten. `key` says where: `column:public.orders.amount`. */
export interface ShortenedName {
  readonly kind: NameKind;
  readonly declared: string;
  readonly stored: string;
  readonly key: string;
}

/** The key of a stored name, shared with the operations that create it. */
export const nameKey = (kind: NameKind, ...parts: readonly string[]) => `${kind}:${parts.join('.')}`;

export function describeShortened(s: ShortenedName): string {
  const bytes = Buffer.byteLength(s.declared, 'utf8');
  return `${s.kind} name "${s.declared}" is ${bytes} bytes; PostgreSQL keeps ${MAX_IDENTIFIER_BYTES} and stores it as "${s.stored}"`;
}

interface Named {
  readonly kind: NameKind;
  readonly declared: string;
  readonly stored: string;
}

/**
 * Two different declared names that become one stored name: PostgreSQL would refuse the
 * second (`already exists`), or silently merge two columns of the diff.
 */
function refuseCollisions(scope: string, names: readonly Named[]): void {
  const seen = new Map<string, Named>();
  for (const n of names) {
    const other = seen.get(n.stored);
    if (other && other.declared !== n.declared) {
      throw new DbManageError(
        'config-invalid',
        `${other.kind} "${other.declared}" and ${n.kind} "${n.declared}" in ${scope} both become "${n.stored}": PostgreSQL keeps only the first ${MAX_IDENTIFIER_BYTES} bytes of a name`,
        { hint: 'Give one of them a shorter name (name, enumName, or the constraint/index name option)', details: { scope, names: [other.declared, n.declared], stored: n.stored } },
      );
    }
    if (!other) seen.set(n.stored, n);
  }
}

export interface StoredModel {
  readonly tables: readonly TableModel[];
  readonly enums: readonly EnumModel[];
  readonly shortened: readonly ShortenedName[];
}

/**
 * The entity model with every name as PostgreSQL will store it, so it compares equal to the
 * catalog after upgrade; and the list of names that get shorter, for `migrate` to say so.
 */
export function storeNames(tables: readonly TableModel[], enums: readonly EnumModel[]): StoredModel {
  const shortened = new Map<string, ShortenedName>();
  const note = (kind: NameKind, declared: string, where: readonly string[]) => {
    const stored = storedName(declared);
    if (stored !== declared) {
      const key = nameKey(kind, ...where, stored);
      shortened.set(`${key}\u0000${declared}`, { kind, declared, stored, key });
    }
    return stored;
  };
  const schemaOf = (s: string) => note('schema', s, []);
  const relations = new Map<string, Named[]>();
  const relation = (schema: string, kind: NameKind, declared: string) => {
    const list = relations.get(schema) ?? [];
    list.push({ kind, declared, stored: storedName(declared) });
    relations.set(schema, list);
  };

  // A table brings a row type of its own name: enums and tables share the type namespace.
  const types = new Map<string, Named[]>();
  const type = (schema: string, kind: NameKind, declared: string) => {
    const list = types.get(schema) ?? [];
    list.push({ kind, declared, stored: storedName(declared) });
    types.set(schema, list);
  };
  for (const e of enums) type(storedName(e.schema), 'enum', e.name);
  for (const t of tables) type(storedName(t.schema), 'table', t.name);
  for (const [schema, names] of types) refuseCollisions(`schema ${schema}`, names);

  const storedEnums = new Map<string, EnumModel & { declared: string }>();
  for (const e of enums) {
    const schema = schemaOf(e.schema);
    const name = note('enum', e.name, [schema]);
    const key = `${schema}.${name}`;
    const seen = storedEnums.get(key);
    if (seen && seen.declared !== e.name && seen.values.join('\u0000') !== e.values.join('\u0000')) {
      refuseCollisions(`schema ${schema}`, [
        { kind: 'enum', declared: seen.declared, stored: name },
        { kind: 'enum', declared: e.name, stored: name },
      ]);
    }
    if (!seen) storedEnums.set(key, { schema, name, values: e.values, declared: e.name });
  }

  const out = tables.map((t): TableModel => {
    const schema = schemaOf(t.schema);
    const name = note('table', t.name, [schema]);
    const column = (c: string) => note('column', c, [schema, name]);
    const keyColumn = (c: string) => (c.startsWith('(') ? c : storedName(c));
    const constraint = (n: string) => note('constraint', n, [schema, name]);
    relation(schema, 'table', t.name);
    for (const i of t.indexes) relation(schema, 'index', i.name);
    // Primary keys, uniques and exclusions own an index of the same name.
    for (const n of [t.primaryKey?.name, ...t.uniques.map((u) => u.name), ...t.exclusions.map((x) => x.name)]) if (n) relation(schema, 'constraint', n);
    const scope = `table ${schema}.${name}`;
    refuseCollisions(scope, t.columns.map((c) => ({ kind: 'column' as const, declared: c.name, stored: storedName(c.name) })));
    refuseCollisions(scope, [...t.checks, ...t.foreignKeys].map((c) => ({ kind: 'constraint' as const, declared: c.name, stored: storedName(c.name) })));
    return {
      ...t,
      schema,
      name,
      columns: t.columns.map((c) => {
        const e = enumOfType(c.type);
        return { ...c, name: column(c.name), type: e ? enumType(storedName(e.schema), storedName(e.name), e.array) : c.type };
      }),
      primaryKey: t.primaryKey && { name: constraint(t.primaryKey.name), columns: t.primaryKey.columns.map(storedName) },
      uniques: t.uniques.map((u) => ({ ...u, name: constraint(u.name), columns: u.columns.map(storedName) })),
      checks: t.checks.map((c) => ({ ...c, name: constraint(c.name) })),
      exclusions: t.exclusions.map((x) => ({ ...x, name: constraint(x.name) })),
      indexes: t.indexes.map((i) => ({ ...i, name: note('index', i.name, [schema, name]), columns: i.columns.map(keyColumn) })),
      foreignKeys: t.foreignKeys.map((fk) => ({
        ...fk,
        name: constraint(fk.name),
        columns: fk.columns.map(storedName),
        referencedSchema: storedName(fk.referencedSchema),
        referencedTable: storedName(fk.referencedTable),
        referencedColumns: fk.referencedColumns.map(storedName),
      })),
    };
  });
  for (const [schema, names] of relations) refuseCollisions(`schema ${schema}`, names);
  return {
    tables: out,
    enums: [...storedEnums.values()].map(({ schema, name, values }) => ({ schema, name, values })),
    shortened: [...shortened.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

/** The first `bytes` bytes of `name`, cut at a character boundary. */
function clip(name: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of name) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (used + size > bytes) break;
    out += ch;
    used += size;
  }
  return out;
}

/** `name` + `suffix` within 63 bytes, the name giving way: `<enum>_old` must differ from `<enum>`. */
export function withSuffix(name: string, suffix: string): string {
  return clip(name, MAX_IDENTIFIER_BYTES - Buffer.byteLength(suffix, 'utf8')) + suffix;
}

/**
 * An owned sequence's name as the model keeps it (ColumnModel.sequence): only where a table
 * built again might not get it back, that is, where PostgreSQL shortened `<table>_<column>_seq`
 * or numbered it because that was taken; undefined where it is PostgreSQL's own plain choice.
 */
export function storedSequenceName(table: string, column: string, actual: string): string | undefined {
  const plain = `${table}_${column}_seq`;
  return actual === plain && objectName(table, column, 'seq') === plain ? undefined : actual;
}

/**
 * PostgreSQL's makeObjectName: `<table>_<column>_<label>` with the longer of the two names
 * shortened first, as it names a serial's sequence (`<table>_<column>_seq`).
 */
export function objectName(name1: string, name2: string, label: string): string {
  const available = MAX_IDENTIFIER_BYTES - Buffer.byteLength(label, 'utf8') - 2;
  let n1 = Buffer.byteLength(name1, 'utf8');
  let n2 = Buffer.byteLength(name2, 'utf8');
  while (n1 + n2 > available) {
    if (n1 > n2) n1--;
    else n2--;
  }
  return `${clip(name1, n1)}_${clip(name2, n2)}_${label}`;
}
