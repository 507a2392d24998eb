import { columnName, type EntitySet, type EntitySpec } from './entity-spec';

/**
 * Removes what refers to something no longer there: relations to a dropped entity,
 * indexes, uniques, checks and generated columns over a dropped column. Edits and the
 * shrinker remove parts freely and leave the consistency to this one place.
 */
function mentions(expression: string, names: readonly string[]): boolean {
  const quoted = [...expression.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));
  return quoted.every((q) => names.includes(q));
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
    indexes: e.indexes.filter((i) => i.props.length > 0 && i.props.every((p) => props.has(p)) && (!i.where || mentions(i.where, allNames))),
    uniques: e.uniques.filter((u) => u.props.length > 0 && u.props.every((p) => props.has(p))),
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
