import { columnName, type EntitySet, type EntitySpec, type IndexSpec, type UniqueSpec } from './entity-spec';

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

export function normalizeSet(set: EntitySet): EntitySet {
  const classes = new Set(set.entities.filter((e) => !e.tree).map((e) => e.className));
  return { entities: set.entities.map((e) => normalizeEntity(e, classes)) };
}
