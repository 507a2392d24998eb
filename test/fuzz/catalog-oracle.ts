import { Client } from 'pg';
import { DefaultNamingStrategy } from 'typeorm';
import { shorten } from 'typeorm/util/StringUtils';
import { expectedFormat } from './column-types';
import { storedName } from '../../src/engine/model/stored-names';
import { columnName as declaredColumnName, type ColumnSpec, type EntitySet, type EntitySpec } from './entity-spec';

/** Names as PostgreSQL stores them: cut to 63 bytes at a character boundary. */
const columnName = (c: { readonly prop: string; readonly name?: string }) => storedName(declaredColumnName(c));

/**
 * "The catalog equals what the entities say", checked from the entity set itself rather
 * than through the engine's model: every declared table, column (type, nullability,
 * default value, comment, collation), index, unique, check, exclusion and foreign key is
 * read back from pg_catalog. A clean `check` that misses something the entities declare
 * (the invisible classes) fails here.
 */
const naming = new DefaultNamingStrategy();

interface CatalogColumn {
  table: string;
  name: string;
  format: string;
  notnull: boolean;
  def: string | null;
  comment: string | null;
  collation: string | null;
  generated: string;
  enum_name: string | null;
  enum_labels: string[] | null;
}

interface CatalogConstraint {
  table: string;
  name: string;
  type: string;
  columns: string[];
  deferrable: boolean;
  deferred: boolean;
  ref_table: string | null;
  del: string;
  upd: string;
}

interface CatalogIndex {
  table: string;
  name: string;
  columns: (string | null)[];
  unique: boolean;
  partial: boolean;
}

const TABLE_KEY = `n.nspname || '.' || c.relname`;
const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT LIKE 'db\\_manage\\_snap%'`;

async function readCatalog(client: Client) {
  const tables = (await client.query<{ key: string; comment: string | null }>(
    `SELECT ${TABLE_KEY} AS key, obj_description(c.oid, 'pg_class') AS comment FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_SCHEMAS} AND c.relkind IN ('r', 'p')`,
  )).rows;
  const columns = (await client.query<CatalogColumn>(
    `SELECT ${TABLE_KEY} AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS format, a.attnotnull AS notnull,
            pg_get_expr(d.adbin, d.adrelid) AS def, col_description(c.oid, a.attnum) AS comment,
            CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN co.collname END AS collation,
            a.attgenerated::text AS generated,
            CASE WHEN et.typtype = 'e' THEN et.typname END AS enum_name,
            CASE WHEN et.typtype = 'e' THEN ARRAY(SELECT enumlabel::text FROM pg_enum WHERE enumtypid = et.oid ORDER BY enumsortorder) END AS enum_labels
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_type t ON t.oid = a.atttypid
     JOIN pg_type et ON et.oid = CASE WHEN t.typelem <> 0 AND t.typcategory = 'A' THEN t.typelem ELSE t.oid END
     LEFT JOIN pg_collation co ON co.oid = a.attcollation
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE ${USER_SCHEMAS} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
  )).rows;
  const constraints = (await client.query<CatalogConstraint>(
    `SELECT ${TABLE_KEY} AS table, con.conname AS name, con.contype::text AS type,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
            con.condeferrable AS deferrable, con.condeferred AS deferred,
            (SELECT rn.nspname || '.' || rc.relname FROM pg_class rc JOIN pg_namespace rn ON rn.oid = rc.relnamespace WHERE rc.oid = con.confrelid) AS ref_table,
            con.confdeltype::text AS del, con.confupdtype::text AS upd
     FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_SCHEMAS}`,
  )).rows;
  const indexes = (await client.query<CatalogIndex>(
    `SELECT ${TABLE_KEY} AS table, ic.relname AS name, i.indisunique AS unique, i.indpred IS NOT NULL AS partial,
            ARRAY(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(n, o) LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o) AS columns
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_SCHEMAS}`,
  )).rows;
  return { tables, columns, constraints, indexes };
}

const ACTION_CODE: Readonly<Record<string, string>> = { 'NO ACTION': 'a', RESTRICT: 'r', CASCADE: 'c', 'SET NULL': 'n', 'SET DEFAULT': 'd' };

interface ExpectedColumn {
  readonly name: string;
  readonly spec?: ColumnSpec;
  /** Not null for the database (primary keys, non-nullable columns). */
  readonly notnull?: boolean;
}

function embeddedName(prefix: string | false | undefined, prop: string, name: string): string {
  if (prefix === false) return name;
  return naming.columnName(name, '', [prefix ?? prop]);
}

/** Every column the entity's table must have. */
export function expectedColumns(e: EntitySpec): ExpectedColumn[] {
  const out: ExpectedColumn[] = [{ name: declaredColumnName(e.primary), notnull: true }];
  for (const c of e.columns) out.push({ name: declaredColumnName(c), spec: c });
  // TypeORM makes every embedded column of a single-table-inheritance entity nullable.
  for (const x of e.embedded) for (const c of x.columns) out.push({ name: embeddedName(x.prefix, x.prop, declaredColumnName(c)), spec: e.sti ? { ...c, nullable: true } : c });
  for (const rel of e.relations) {
    if (rel.kind !== 'many-to-many') out.push({ name: rel.joinColumn ?? naming.joinColumnName(rel.prop, 'id'), notnull: !rel.nullable });
  }
  if (e.sti) {
    out.push({ name: e.sti.column, notnull: true });
    for (const child of e.sti.children) for (const c of child.columns) out.push({ name: declaredColumnName(c), spec: c });
  }
  if (e.tree) out.push({ name: 'parentId', notnull: false });
  if (e.tree === 'materialized-path') out.push({ name: 'mpath' });
  if (e.tree === 'nested-set') out.push({ name: 'nsleft', notnull: true }, { name: 'nsright', notnull: true });
  return out;
}

/**
 * The join and closure tables, named as TypeORM names them (a junction name over 63
 * characters shortened by its `shorten`), in the schema of each side that declares
 * `@JoinTable` (the owner's, and the inverse's when both sides repeat it).
 */
function junctionTables(set: EntitySet): string[] {
  const out: string[] = [];
  const schemaOf = (e: EntitySpec) => storedName(e.schema ?? 'public');
  for (const e of set.entities) {
    if (e.tree === 'closure-table') out.push(`${schemaOf(e)}.${storedName(naming.closureJunctionTableName(e.table))}`);
    for (const rel of e.relations) {
      if (rel.kind !== 'many-to-many') continue;
      const target = set.entities.find((x) => x.className === rel.target);
      let name = rel.joinTable ?? naming.joinTableName(e.table, target?.table ?? '', rel.prop, '');
      if (!rel.joinTable && name.length > 63) name = shorten(name, { separator: '_', segmentLength: 3 });
      out.push(`${schemaOf(e)}.${storedName(name)}`);
      if (rel.bothSides && target && target !== e) out.push(`${schemaOf(target)}.${storedName(name)}`);
    }
  }
  return out;
}

function enumNameOf(e: EntitySpec, c: ColumnSpec, dbName: string): string {
  return storedName(c.enumName ?? `${e.table}_${dbName.toLowerCase()}_enum`);
}

function sameList(a: readonly (string | null)[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameSet(a: readonly (string | null)[], b: readonly string[]): boolean {
  return sameList([...a].sort() as string[], [...b].sort());
}

/** Differences between the catalog and the entity set; empty when they agree. */
export async function catalogDifferences(url: string, set: EntitySet, bookkeeping: readonly string[]): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const problems: string[] = [];
  try {
    const cat = await readCatalog(client);
    const expectedTables = new Set<string>();
    for (const b of bookkeeping) if (cat.tables.some((t) => t.key === b)) expectedTables.add(b);
    for (const name of junctionTables(set)) expectedTables.add(name);
    for (const e of set.entities) {
      const schema = storedName(e.schema ?? 'public');
      const key = `${schema}.${storedName(e.table)}`;
      expectedTables.add(key);
      const table = cat.tables.find((t) => t.key === key);
      if (!table) {
        problems.push(`table ${key} is missing`);
        continue;
      }
      if (table.comment !== (e.comment ?? null)) problems.push(`table ${key}: comment ${JSON.stringify(table.comment)}, entity says ${JSON.stringify(e.comment ?? null)}`);
      const columns = cat.columns.filter((c) => c.table === key);
      const expected = expectedColumns(e);
      const names = expected.map((x) => storedName(x.name));
      for (const c of columns) if (!names.includes(c.name)) problems.push(`column ${key}.${c.name} is not in the entities`);
      for (const x of expected) {
        const col = columns.find((c) => c.name === storedName(x.name));
        if (!col) {
          problems.push(`column ${key}.${x.name} is missing`);
          continue;
        }
        if (x.notnull !== undefined && col.notnull !== x.notnull) problems.push(`column ${key}.${x.name}: not null ${col.notnull}, expected ${x.notnull}`);
        if (x.spec) problems.push(...(await columnDifferences(client, e, x.name, x.spec, col)));
      }
      problems.push(...constraintDifferences(e, key, cat.constraints.filter((c) => c.table === key), cat.indexes.filter((i) => i.table === key)));
    }
    const actual = new Set(cat.tables.map((t) => t.key));
    const extra = [...actual].filter((t) => !expectedTables.has(t)).sort();
    const missing = [...expectedTables].filter((t) => !actual.has(t)).sort();
    if (extra.length > 0) problems.push(`tables no entity declares: ${extra.join(', ')}`);
    if (missing.length > 0) problems.push(`tables the entities declare are missing: ${missing.join(', ')}`);
  } finally {
    await client.end();
  }
  return problems;
}

async function columnDifferences(client: Client, e: EntitySpec, name: string, c: ColumnSpec, col: CatalogColumn): Promise<string[]> {
  const where = `column ${col.table}.${name}`;
  const out: string[] = [];
  if (c.type === 'enum') {
    const expectedName = enumNameOf(e, c, name);
    if (col.enum_name !== expectedName) out.push(`${where}: enum type ${col.enum_name}, expected ${expectedName}`);
    if (c.enumValues && col.enum_labels && !sameList(col.enum_labels, c.enumValues)) out.push(`${where}: enum values ${JSON.stringify(col.enum_labels)}, expected ${JSON.stringify(c.enumValues)}`);
    if (col.format.endsWith('[]') !== Boolean(c.array)) out.push(`${where}: type ${col.format}, array expected ${Boolean(c.array)}`);
  } else if (col.format !== expectedFormat(c)) {
    out.push(`${where}: type ${col.format}, expected ${expectedFormat(c)}`);
  }
  const nullable = c.nullable === true || c.decorator === 'DeleteDateColumn';
  if (col.notnull === nullable) out.push(`${where}: not null ${col.notnull}, entity says nullable ${nullable}`);
  if ((col.comment ?? null) !== (c.comment ?? null)) out.push(`${where}: comment ${JSON.stringify(col.comment)}, entity says ${JSON.stringify(c.comment ?? null)}`);
  if (c.collation !== undefined && col.collation !== c.collation) out.push(`${where}: collation ${col.collation}, entity says ${c.collation}`);
  if (c.collation === undefined && col.collation !== null) out.push(`${where}: collation ${col.collation}, entity declares none`);
  if ((col.generated === 's') !== (c.generatedExpr !== undefined)) out.push(`${where}: generated '${col.generated}', entity says ${c.generatedExpr ?? 'not generated'}`);
  if (c.generatedExpr !== undefined) return out;
  const hasDefault = c.default !== undefined || c.decorator === 'CreateDateColumn' || c.decorator === 'UpdateDateColumn';
  if (hasDefault !== (col.def !== null)) out.push(`${where}: default ${col.def}, entity says ${JSON.stringify(c.default ?? null)}`);
  else if (c.default && c.default.kind !== 'sql' && col.def !== null) {
    const mismatch = await defaultMismatch(client, col, c);
    if (mismatch) out.push(`${where}: ${mismatch}`);
  }
  return out;
}

/** The stored default evaluates to the value the entity gave, compared as the column's type. */
async function defaultMismatch(client: Client, col: CatalogColumn, c: ColumnSpec): Promise<string | null> {
  const d = c.default as { kind: 'literal' | 'value'; value: unknown };
  const type = col.format;
  try {
    if (c.type === 'json' || c.type === 'jsonb' || c.array) {
      const stored = (await client.query<{ v: unknown }>(`SELECT to_jsonb(${col.def}) AS v`)).rows[0].v;
      const same = (await client.query<{ same: boolean }>(`SELECT $1::jsonb = $2::jsonb AS same`, [JSON.stringify(stored), JSON.stringify(d.value)])).rows[0].same;
      return same ? null : `default is ${JSON.stringify(stored)}, entity says ${JSON.stringify(d.value)}`;
    }
    const row = (await client.query<{ stored: string; wanted: string }>(`SELECT (${col.def})::${type}::text AS stored, ($1::text)::${type}::text AS wanted`, [String(d.value)])).rows[0];
    return row.stored === row.wanted ? null : `default is ${JSON.stringify(row.stored)}, entity says ${JSON.stringify(row.wanted)}`;
  } catch (err) {
    return `default ${col.def} cannot be compared: ${(err as Error).message}`;
  }
}

function dbNames(e: EntitySpec, props: readonly string[]): string[] {
  return props.map((p) => {
    const c = e.columns.find((x) => x.prop === p);
    return c ? columnName(c) : p;
  });
}

function constraintDifferences(e: EntitySpec, key: string, cons: CatalogConstraint[], idx: CatalogIndex[]): string[] {
  const out: string[] = [];
  const uniqueOn = (cols: string[]) => cons.some((c) => c.type === 'u' && sameSet(c.columns, cols)) || idx.some((i) => i.unique && !i.partial && sameSet(i.columns, cols));
  const pk = cons.filter((c) => c.type === 'p');
  if (pk.length !== 1 || !sameList(pk[0].columns, [columnName(e.primary)])) out.push(`table ${key}: primary key ${JSON.stringify(pk.map((p) => p.columns))}`);
  for (const c of e.columns) {
    if (c.unique && !uniqueOn([columnName(c)])) out.push(`table ${key}: no unique constraint on ${columnName(c)}`);
    if (c.indexed && !idx.some((i) => sameList(i.columns, [columnName(c)]))) out.push(`table ${key}: no index on ${columnName(c)}`);
  }
  for (const i of e.indexes) {
    const cols = dbNames(e, i.props);
    const found = idx.find((x) => (i.name ? x.name === storedName(i.name) : true) && sameList(x.columns, cols) && x.unique === Boolean(i.unique) && x.partial === Boolean(i.where));
    if (!found) out.push(`table ${key}: no ${i.unique ? 'unique ' : ''}${i.where ? 'partial ' : ''}index ${i.name ?? ''} on (${cols.join(', ')})`);
  }
  for (const u of e.uniques) {
    const cols = dbNames(e, u.props);
    // An unnamed unique may repeat a named one's columns (seed 539): match the one alike in deferrability first.
    const candidates = cons.filter((c) => c.type === 'u' && (u.name ? c.name === storedName(u.name) : true) && sameSet(c.columns, cols));
    const found = candidates.find((c) => c.deferrable === Boolean(u.deferrable) && c.deferred === (u.deferrable === 'INITIALLY DEFERRED')) ?? candidates[0];
    if (!found) out.push(`table ${key}: no unique constraint ${u.name ?? ''} on (${cols.join(', ')})`);
    else if (found.deferrable !== Boolean(u.deferrable) || found.deferred !== (u.deferrable === 'INITIALLY DEFERRED')) {
      out.push(`table ${key}: unique ${found.name} deferrable ${found.deferrable}/${found.deferred}, entity says ${u.deferrable ?? 'not deferrable'}`);
    }
  }
  const checks = cons.filter((c) => c.type === 'c');
  for (const c of e.checks) if (c.name && !checks.some((x) => x.name === storedName(c.name as string))) out.push(`table ${key}: check ${c.name} is missing`);
  if (checks.length !== e.checks.length) out.push(`table ${key}: ${checks.length} check constraints, the entity declares ${e.checks.length}`);
  const exclusions = cons.filter((c) => c.type === 'x');
  if (exclusions.length !== e.exclusions.length) out.push(`table ${key}: ${exclusions.length} exclusion constraints, the entity declares ${e.exclusions.length}`);
  const fks = cons.filter((c) => c.type === 'f');
  const toOne = e.relations.filter((r) => r.kind !== 'many-to-many');
  const selfTree = e.tree ? 1 : 0;
  if (fks.length !== toOne.length + selfTree) out.push(`table ${key}: ${fks.length} foreign keys, the entity declares ${toOne.length + selfTree}`);
  for (const rel of toOne) {
    const col = storedName(rel.joinColumn ?? naming.joinColumnName(rel.prop, 'id'));
    const fk = fks.find((f) => sameList(f.columns, [col]));
    if (!fk) {
      out.push(`table ${key}: no foreign key on ${col}`);
      continue;
    }
    if (fk.del !== ACTION_CODE[rel.onDelete ?? 'NO ACTION']) out.push(`table ${key}: foreign key on ${col} ON DELETE '${fk.del}', entity says ${rel.onDelete ?? 'NO ACTION'}`);
    if (fk.upd !== ACTION_CODE[rel.onUpdate ?? 'NO ACTION']) out.push(`table ${key}: foreign key on ${col} ON UPDATE '${fk.upd}', entity says ${rel.onUpdate ?? 'NO ACTION'}`);
    if (rel.kind === 'one-to-one' && !uniqueOn([col])) out.push(`table ${key}: one-to-one ${col} is not unique`);
  }
  return out;
}
