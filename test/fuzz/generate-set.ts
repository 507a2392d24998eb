import { typeDef } from './column-types';
import type { CheckSpec, ColumnSpec, EmbeddedSpec, EntitySet, EntitySpec, FkAction, IndexSpec, PrimarySpec, RelationSpec, UniqueSpec } from './entity-spec';
import { columnName } from './entity-spec';
import type { FeatureSet } from './features';
import { comment, generateColumn, specialColumn, type ColumnContext } from './generate-column';
import { NamePool, pascal, propFor } from './names';
import { normalizeSet } from './normalize-set';
import { rng, type Rng } from './prng';

export const SCHEMAS = ['analytics', 'crm'];
const ACTIONS: readonly FkAction[] = ['CASCADE', 'SET NULL', 'RESTRICT', 'NO ACTION'];

/** Names that must be unique across the set: constraint and index names share a schema. */
export function freshName(r: Rng, prefix: string, taken: ReadonlySet<string>): string {
  for (;;) {
    const name = `${prefix}_${r.int(100, 99999)}`;
    if (!taken.has(name)) return name;
  }
}

export function objectNames(set: EntitySet): Set<string> {
  const out = new Set<string>();
  for (const e of set.entities) {
    for (const x of [...e.indexes, ...e.uniques, ...e.checks, ...e.exclusions]) if (x.name) out.add(x.name);
    for (const rel of e.relations) if (rel.joinTable) out.add(rel.joinTable);
  }
  return out;
}

function primary(r: Rng, on: FeatureSet): PrimarySpec {
  const options: PrimarySpec['strategy'][] = [];
  if (on.has('primary.increment')) options.push('increment', 'increment');
  if (on.has('primary.uuid')) options.push('uuid');
  if (on.has('primary.identity')) options.push('identity');
  if (on.has('primary.plain')) options.push('int', 'varchar');
  return { prop: 'id', strategy: options.length > 0 ? r.pick(options) : 'increment' };
}

/** A column's table-level decorators (checks, indexes, uniques) over columns that suit them. */
function tableConstraints(r: Rng, on: FeatureSet, columns: readonly ColumnSpec[], taken: Set<string>) {
  const plain = columns.filter((c) => c.decorator === 'Column' && !c.array && c.type !== 'enum' && !c.generatedExpr && typeDef(c.type).indexable);
  const indexes: IndexSpec[] = [];
  const uniques: UniqueSpec[] = [];
  const checks: CheckSpec[] = [];
  const pickCols = (n: number) => [...new Set(Array.from({ length: n }, () => r.pick(plain).prop))];
  const named = (prefix: string) => {
    const name = freshName(r, prefix, taken);
    taken.add(name);
    return name;
  };
  if (plain.length > 0 && on.has('indexes.class')) {
    for (let i = r.int(0, 2); i > 0; i--) {
      const props = pickCols(r.int(1, 3));
      const where = r.chance(0.25) ? `"${columnName(plain.find((c) => c.prop === props[0]) as ColumnSpec)}" IS NOT NULL` : undefined;
      indexes.push({ ...(r.chance(0.5) ? { name: named('ix') } : {}), props, ...(r.chance(0.3) ? { unique: true } : {}), ...(where ? { where } : {}) });
    }
  }
  if (plain.length > 0 && on.has('uniques') && r.chance(0.3)) {
    const deferrable = on.has('uniques.deferrable') && r.chance(0.4) ? r.pick(['INITIALLY DEFERRED', 'INITIALLY IMMEDIATE'] as const) : undefined;
    uniques.push({ ...(r.chance(0.6) || deferrable ? { name: named('uq') } : {}), props: pickCols(r.int(1, 2)), ...(deferrable ? { deferrable } : {}) });
  }
  const numeric = columns.filter((c) => ['int', 'smallint', 'numeric', 'decimal'].includes(c.type) && !c.array && !c.generatedExpr);
  const texts = columns.filter((c) => ['varchar', 'text'].includes(c.type) && !c.array && !c.generatedExpr);
  if (on.has('checks') && (numeric.length > 0 || texts.length > 0) && r.chance(0.35)) {
    const expression =
      numeric.length > 0 && (texts.length === 0 || r.chance(0.5))
        ? `"${columnName(r.pick(numeric))}" >= 0`
        : `char_length("${columnName(r.pick(texts))}") < 1000`;
    checks.push({ ...(r.chance(0.6) ? { name: named('ck') } : {}), expression });
  }
  return { indexes, uniques, checks };
}

function embedded(r: Rng, on: FeatureSet, owner: string, ctx: ColumnContext): EmbeddedSpec {
  const prop = propFor(r.pick(['address', 'money', 'audit', 'geo']), ctx.props);
  // The owner's name pool: with prefix false the columns land next to the owner's own.
  const inner: ColumnContext = { ...ctx, props: new Set() };
  const simple = new Set([...on].filter((f) => ['types.integer', 'types.text', 'types.boolean', 'nullable', 'defaults.literal'].includes(f))) as FeatureSet;
  const columns = Array.from({ length: r.int(1, 3) }, () => generateColumn(r, simple, inner));
  return { prop, className: `${owner}${pascal(prop)}`, ...(r.chance(0.3) ? { prefix: false as const } : r.chance(0.3) ? { prefix: 'x' } : {}), columns };
}

export function generateEntity(r: Rng, on: FeatureSet, tables: NamePool, enums: Map<string, readonly string[]>, taken: Set<string>, index: number): EntitySpec {
  const table = tables.table();
  const className = `E${index}${pascal(table)}`;
  const ctx: ColumnContext = { table, names: new NamePool(r, on), props: new Set(['id']), enums };
  ctx.names.reserve('id');
  const columns: ColumnSpec[] = Array.from({ length: r.int(1, 6) }, () => generateColumn(r, on, ctx));
  if (on.has('columns.special')) {
    for (const d of ['CreateDateColumn', 'UpdateDateColumn', 'DeleteDateColumn', 'VersionColumn'] as const) if (r.chance(0.12)) columns.push(specialColumn(r, d, ctx));
  }
  if (on.has('columns.generated')) {
    const source = columns.find((c) => ['int', 'smallint', 'text', 'varchar'].includes(c.type) && !c.array && c.decorator === 'Column');
    if (source && r.chance(0.3)) {
      const dbName = ctx.names.column();
      const prop = propFor(dbName, ctx.props);
      const isText = source.type === 'text' || source.type === 'varchar';
      columns.push({
        prop,
        ...(prop === dbName ? {} : { name: dbName }),
        decorator: 'Column',
        type: isText ? 'text' : 'int',
        nullable: true,
        generatedExpr: isText ? `lower("${columnName(source)}")` : `"${columnName(source)}" * 2`,
      });
    }
  }
  const { indexes, uniques, checks } = tableConstraints(r, on, columns, taken);
  const note = comment(r, on);
  const treeKinds = (['closure-table', 'materialized-path', 'nested-set'] as const).filter((k) => on.has(`tree.${k}`));
  const tree = treeKinds.length > 0 && r.chance(0.08) ? r.pick(treeKinds) : undefined;
  const sti =
    !tree && on.has('sti') && r.chance(0.08)
      ? {
          column: 'entity_type',
          children: Array.from({ length: r.int(1, 2) }, (_, i) => ({
            className: `${className}Child${i + 1}`,
            value: `child_${i + 1}`,
            columns: [{ ...generateColumn(r, new Set([...on].filter((f) => f.startsWith('types.') && f !== 'types.enum-reference')) as FeatureSet, ctx), nullable: true }],
          })),
        }
      : undefined;
  if (sti) ctx.names.reserve('entity_type');
  return {
    className,
    table,
    ...(on.has('schemas') && r.chance(0.2) ? { schema: r.pick(SCHEMAS) } : {}),
    ...(note !== undefined ? { comment: note } : {}),
    primary: tree ? { prop: 'id', strategy: 'increment' } : primary(r, on),
    columns,
    indexes,
    uniques,
    checks,
    exclusions: [],
    relations: [],
    embedded: on.has('embedded') && r.chance(0.15) ? [embedded(r, on, className, ctx)] : [],
    ...(tree ? { tree } : {}),
    ...(sti ? { sti } : {}),
  };
}

/** An exclusion on a range column, when the entity has one. */
export function exclusionFor(r: Rng, e: EntitySpec, taken: Set<string>): EntitySpec {
  const range = e.columns.find((c) => c.type.endsWith('range') && !c.array);
  if (!range) return e;
  const name = freshName(r, 'ex', taken);
  taken.add(name);
  return { ...e, exclusions: [...e.exclusions, { ...(r.chance(0.5) ? { name } : {}), expression: `USING gist ("${columnName(range)}" WITH &&)` }] };
}

/**
 * `mayRequire`: the relation may be NOT NULL. TypeORM refuses a cycle of required
 * relations (it cannot order the inserts), so only relations to an earlier entity may be.
 */
export function relationFor(r: Rng, on: FeatureSet, owner: EntitySpec, target: EntitySpec, taken: Set<string>, mayRequire: boolean): RelationSpec | null {
  const kinds = (['many-to-one', 'one-to-one', 'many-to-many'] as const).filter((k) => on.has(`relations.${k}`));
  if (kinds.length === 0) return null;
  const kind = r.pick(kinds);
  const props = new Set([...owner.columns.map((c) => c.prop.toLowerCase()), ...owner.relations.map((x) => x.prop.toLowerCase()), ...owner.embedded.map((x) => x.prop.toLowerCase()), 'id']);
  const prop = propFor(`${kind === 'many-to-many' ? 'linked' : 'ref'}${pascal(target.table)}`, props);
  if (kind === 'many-to-many') {
    let joinTable: string | undefined;
    if (r.chance(0.5)) {
      joinTable = freshName(r, 'jt', taken);
      taken.add(joinTable);
    }
    // Both sides repeat one named @JoinTable; unnamed, TypeORM derives a different name on each side (two tables).
    return { kind, prop, target: target.className, ...(joinTable ? { joinTable } : {}), ...(joinTable && on.has('relations.join-table-both-sides') && r.chance(0.5) ? { bothSides: true } : {}) };
  }
  const nullable = !mayRequire || r.chance(0.6);
  const actions = nullable ? ACTIONS : ACTIONS.filter((a) => a !== 'SET NULL');
  return {
    kind,
    prop,
    target: target.className,
    nullable,
    ...(r.chance(0.5) ? { onDelete: r.pick(actions) } : {}),
    ...(r.chance(0.2) ? { onUpdate: r.pick(actions) } : {}),
    ...(r.chance(0.2) ? { cascade: true } : {}),
    ...(r.chance(0.3) ? { joinColumn: `${prop.toLowerCase()}_ref` } : {}),
  };
}

/** The entity set of a seed: the same seed and features give the same set. */
export function generateSet(seed: number, on: FeatureSet): EntitySet {
  const r = rng(seed).fork('set');
  const tables = new NamePool(r, on);
  const enums = new Map<string, readonly string[]>();
  const taken = new Set<string>();
  let entities = Array.from({ length: r.int(1, 5) }, (_, i) => generateEntity(r, on, tables, enums, taken, i + 1));
  if (on.has('exclusions')) entities = entities.map((e) => (r.chance(0.5) ? exclusionFor(r, e, taken) : e));
  const relationCount = entities.length > 0 ? r.int(0, Math.min(4, entities.length * 2)) : 0;
  for (let i = 0; i < relationCount; i++) {
    const owner = r.int(0, entities.length - 1);
    const targets = entities.filter((e) => !e.tree);
    const target = targets.length > 0 ? r.pick(targets) : null;
    const rel = target ? relationFor(r, on, entities[owner], target, taken, entities.indexOf(target) < owner) : null;
    if (rel) entities[owner] = { ...entities[owner], relations: [...entities[owner].relations, rel] };
  }
  return normalizeSet({ entities });
}
