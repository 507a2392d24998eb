import { storedName } from '../../src/engine/model/stored-names';
import { columnName, type ColumnSpec, type EntitySet, type EntitySpec, type IndexSpec, type UniqueSpec } from './entity-spec';
import { SHARED_ENUMS } from './generate-column';

/**
 * Removes what refers to something no longer there: relations to a dropped entity,
 * indexes, uniques, checks and generated columns over a dropped column. Edits and the
 * shrinker remove parts freely and leave the consistency to this one place.
 */
function mentions(expression: string, names: readonly string[]): boolean {
  const quoted = [...expression.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));
  return quoted.every((q) => names.includes(q));
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}

/**
 * TypeORM names an unnamed index after its table, its sorted columns and its where only:
 * two unnamed indexes over the same columns cannot differ (one config-invalid line says
 * so), so a repeated one gets a name, as a user would give it.
 */
function nameRepeatedIndexes(e: EntitySpec, indexes: readonly IndexSpec[]): IndexSpec[] {
  const seen = new Set(e.columns.filter((c) => c.indexed).map((c) => `${c.prop}|`));
  return indexes.map((i) => {
    if (i.name) return i;
    const key = `${[...i.props].sort().join(',')}|${i.where ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      return i;
    }
    return { ...i, name: `ix_${hash(`${e.table}|${i.props.join(',')}|${i.unique}|${i.where}`)}` };
  });
}

function nameRepeatedUniques(e: EntitySpec, uniques: readonly UniqueSpec[]): UniqueSpec[] {
  const seen = new Set<string>();
  return uniques.map((u) => {
    if (u.name) return u;
    const key = [...u.props].sort().join(',');
    if (!seen.has(key)) {
      seen.add(key);
      return u;
    }
    return { ...u, name: `uq_${hash(`${e.table}|${u.props.join(',')}`)}` };
  });
}

function normalizeEntity(e: EntitySpec, classes: ReadonlySet<string>): EntitySpec {
  const plainColumns = e.columns.filter((c) => !c.generatedExpr);
  const names = plainColumns.map(columnName);
  const columns = e.columns.filter((c) => !c.generatedExpr || mentions(c.generatedExpr, names));
  const props = new Set(columns.map((c) => c.prop));
  const allNames = columns.map(columnName);
  return {
    ...e,
    columns,
    indexes: nameRepeatedIndexes(
      e,
      e.indexes.filter((i) => i.props.length > 0 && i.props.every((p) => props.has(p)) && (!i.where || mentions(i.where, allNames))),
    ),
    uniques: nameRepeatedUniques(e, e.uniques.filter((u) => u.props.length > 0 && u.props.every((p) => props.has(p)))),
    checks: e.checks.filter((c) => mentions(c.expression, allNames)),
    exclusions: e.exclusions.filter((x) => mentions(x.expression, allNames)),
    relations: e.relations.filter((r) => classes.has(r.target)),
    embedded: e.embedded.filter((x) => x.columns.length > 0),
  };
}

type ColumnMap = (c: ColumnSpec, e: EntitySpec) => ColumnSpec;

function mapColumns(e: EntitySpec, f: ColumnMap): EntitySpec {
  return {
    ...e,
    columns: e.columns.map((c) => f(c, e)),
    embedded: e.embedded.map((x) => ({ ...x, columns: x.columns.map((c) => f(c, e)) })),
    ...(e.sti ? { sti: { ...e.sti, children: e.sti.children.map((k) => ({ ...k, columns: k.columns.map((c) => f(c, e)) })) } } : {}),
  };
}

/**
 * An enum is named per schema: a reference (`enumName` without values) needs a column of
 * its schema that declares the values. After an edit moved or dropped that column, the
 * reference declares the values itself (a dangling one is a right `config-invalid`).
 */
function declareDanglingEnums(entities: readonly EntitySpec[]): EntitySpec[] {
  const declared = new Set<string>();
  const key = (e: EntitySpec, name: string) => `${e.schema ?? 'public'}\u0000${name}`;
  for (const e of entities) mapColumns(e, (c) => (c.enumName && c.enumValues && declared.add(key(e, c.enumName)), c));
  return entities.map((e) =>
    mapColumns(e, (c) => (c.type === 'enum' && c.enumName && !c.enumValues && !declared.has(key(e, c.enumName)) ? { ...c, enumValues: [...(SHARED_ENUMS[c.enumName] ?? ['a'])] } : c)),
  );
}

/**
 * TypeORM names an enum `<table>_<column>_enum`; under a table name of 63 bytes or more
 * PostgreSQL cuts that to the table's own name, which the table's row type holds. A user
 * must name the enum there (the engine says so in one line), and so does the generator.
 */
function nameEnumsOfLongTables(e: EntitySpec): EntitySpec {
  const table = storedName(e.table);
  const enumName = (c: ColumnSpec) => c.enumName ?? `${e.table}_${columnName(c).toLowerCase()}_enum`;
  return mapColumns(e, (c) => (c.type === 'enum' && storedName(enumName(c)) === table ? { ...c, enumName: `en_${hash(`${e.table}|${c.prop}`)}` } : c));
}

/**
 * A many-to-many from a table to itself names its join columns `<table>Id_1` and
 * `<table>Id_2`: under a long table name both become one 63-byte name (a right
 * `config-invalid`; a user names the join columns there, which the generator does not).
 */
function dropLongSelfJoins(e: EntitySpec): EntitySpec {
  if (Buffer.byteLength(e.table, 'utf8') < 56) return e;
  // Likewise `<table>_closure` becomes the table's own name: such a tree keeps a materialized path.
  const tree = e.tree === 'closure-table' && storedName(`${e.table}_closure`) === storedName(e.table) ? 'materialized-path' : e.tree;
  // And a junction TypeORM names `<table>_<prop>_<target>`, shortened only past 63 characters (not
  // bytes): under a long non-ASCII table it becomes the table's own name (seed 346); such a
  // relation names its join table, as a user must.
  const relations = e.relations
    .filter((r) => !(r.kind === 'many-to-many' && r.target === e.className))
    .map((r) => (r.kind === 'many-to-many' && !r.joinTable ? { ...r, joinTable: `jt_${hash(`${e.table}|${r.prop}`)}` } : r));
  return { ...e, ...(tree ? { tree } : {}), relations };
}

export function normalizeSet(set: EntitySet): EntitySet {
  const classes = new Set(set.entities.filter((e) => !e.tree).map((e) => e.className));
  return { entities: declareDanglingEnums(set.entities.map((e) => dropLongSelfJoins(nameEnumsOfLongTables(normalizeEntity(e, classes))))) };
}
