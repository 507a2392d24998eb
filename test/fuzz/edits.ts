import { CASTABLE, typeDef } from './column-types';
import { clone, columnName, ownColumns, type ColumnSpec, type EntitySet, type EntitySpec, type IndexSpec, type RelationSpec } from './entity-spec';
import type { FeatureSet } from './features';
import { availableTypes, comment, generateColumn, type ColumnContext } from './generate-column';
import { exclusionFor, freshName, generateEntity, objectNames, relationFor, SCHEMAS } from './generate-set';
import { NamePool } from './names';
import { normalizeSet } from './normalize-set';
import type { Rng } from './prng';

/**
 * An edit is data (so a failing sequence is saved, replayed and shrunk): it names its
 * entity by class and its column by property, and does nothing once the shrinker has
 * removed what it names.
 */
export type Edit =
  | { readonly kind: 'add-column'; readonly entity: string; readonly column: ColumnSpec }
  | { readonly kind: 'drop-column'; readonly entity: string; readonly prop: string }
  /** `rename`: migrate is told (`--rename`), else it drops and adds. */
  | { readonly kind: 'rename-column'; readonly entity: string; readonly prop: string; readonly to: string; readonly rename: boolean }
  | { readonly kind: 'alter-column'; readonly entity: string; readonly prop: string; readonly what: string; readonly column: ColumnSpec }
  | { readonly kind: 'enum-values'; readonly entity: string; readonly prop: string; readonly values: readonly string[]; readonly dropDefault: boolean }
  | { readonly kind: 'add-table'; readonly entity: EntitySpec }
  | { readonly kind: 'drop-table'; readonly entity: string }
  | { readonly kind: 'rename-table'; readonly entity: string; readonly to: string; readonly rename: boolean }
  | { readonly kind: 'move-schema'; readonly entity: string; readonly schema: string | null }
  | { readonly kind: 'table-comment'; readonly entity: string; readonly comment: string | null }
  | { readonly kind: 'replace-table-parts'; readonly entity: string; readonly what: string; readonly parts: Pick<EntitySpec, 'indexes' | 'uniques' | 'checks' | 'exclusions'> }
  | { readonly kind: 'add-relation'; readonly entity: string; readonly relation: RelationSpec }
  | { readonly kind: 'drop-relation'; readonly entity: string; readonly prop: string };

export function describeEdit(e: Edit): string {
  switch (e.kind) {
    case 'add-column':
      return `add column ${e.entity}.${e.column.prop} (${e.column.type})`;
    case 'alter-column':
      return `change ${e.what} of ${e.entity}.${e.prop}`;
    case 'enum-values':
      return `enum values of ${e.entity}.${e.prop} → ${JSON.stringify(e.values)}`;
    case 'add-table':
      return `add table ${e.entity.className}`;
    case 'rename-column':
      return `rename column ${e.entity}.${e.prop} → ${e.to}${e.rename ? ' (--rename)' : ''}`;
    case 'rename-table':
      return `rename table ${e.entity} → ${e.to}${e.rename ? ' (--rename)' : ''}`;
    case 'move-schema':
      return `move ${e.entity} to schema ${e.schema ?? 'public'}`;
    case 'replace-table-parts':
      return `${e.what} on ${e.entity}`;
    case 'add-relation':
      return `add ${e.relation.kind} ${e.entity}.${e.relation.prop} → ${e.relation.target}`;
    default:
      return `${e.kind} ${e.entity}${'prop' in e ? `.${e.prop}` : ''}`;
  }
}

/** Every column an entity declares: its own, its STI children's and its embedded ones. */
const everyColumn = (e: EntitySpec): ColumnSpec[] => [...ownColumns(e), ...e.embedded.flatMap((x) => x.columns)];

/** Types a column can change to with a cast; an array stays an array (`numeric[]` has no cast to `numeric`). */
const NUMBERS = new Set(['int', 'smallint', 'bigint', 'numeric', 'decimal', 'real', 'double precision']);

/**
 * Types a column can change to with a cast; an array stays an array (`numeric[]` has no cast to
 * `numeric`), and a column an expression computes with (`"x" * 2`, `"x" >= 0`) stays a number.
 */
const castTargets = (c: ColumnSpec, on: FeatureSet, e: EntitySpec): string[] => {
  // Generated columns, checks, exclusions and partial indexes compute with the column as a number (seed 299).
  const expressions = [...ownColumns(e).map((g) => g.generatedExpr), ...e.checks.map((k) => k.expression), ...e.exclusions.map((x) => x.expression), ...e.indexes.map((i) => i.where)];
  const computedWith = expressions.some((x) => x?.includes(`"${columnName(c)}"`));
  return (CASTABLE[c.type] ?? []).filter(
    (t) => availableTypes(on).some((d) => d.type === t) && (!c.array || typeDef(t).arrayable) && (!computedWith || NUMBERS.has(t)),
  );
};

function withEntity(set: EntitySet, className: string, change: (e: EntitySpec) => EntitySpec | null): EntitySet | null {
  const i = set.entities.findIndex((e) => e.className === className);
  if (i < 0) return null;
  const next = change(set.entities[i]);
  if (next === null) return null;
  const entities = [...set.entities];
  entities[i] = next;
  return normalizeSet({ entities });
}

function withColumn(set: EntitySet, className: string, prop: string, change: (c: ColumnSpec, e: EntitySpec) => ColumnSpec | null): EntitySet | null {
  return withEntity(set, className, (e) => {
    const i = e.columns.findIndex((c) => c.prop === prop);
    if (i < 0) return null;
    const next = change(e.columns[i], e);
    if (next === null) return null;
    const columns = [...e.columns];
    columns[i] = next;
    return { ...e, columns };
  });
}

const requote = (text: string, from: string, to: string) => text.split(`"${from}"`).join(`"${to}"`);

/** The set after the edit, or null when the edit no longer applies. */
export function applyEdit(set: EntitySet, edit: Edit): EntitySet | null {
  switch (edit.kind) {
    case 'add-column':
      return withEntity(set, edit.entity, (e) => (e.columns.some((c) => c.prop === edit.column.prop) ? null : { ...e, columns: [...e.columns, edit.column] }));
    case 'drop-column':
      return withEntity(set, edit.entity, (e) => (e.columns.some((c) => c.prop === edit.prop) ? { ...e, columns: e.columns.filter((c) => c.prop !== edit.prop) } : null));
    case 'rename-column':
      return withEntity(set, edit.entity, (e) => {
        const c = e.columns.find((x) => x.prop === edit.prop);
        if (!c || e.columns.some((x) => columnName(x) === edit.to)) return null;
        const from = columnName(c);
        const fix = (t: string) => requote(t, from, edit.to);
        return {
          ...e,
          columns: e.columns.map((x) => (x === c ? { ...x, name: edit.to } : x.generatedExpr ? { ...x, generatedExpr: fix(x.generatedExpr) } : x)),
          checks: e.checks.map((k) => ({ ...k, expression: fix(k.expression) })),
          exclusions: e.exclusions.map((k) => ({ ...k, expression: fix(k.expression) })),
          indexes: e.indexes.map((i) => (i.where ? { ...i, where: fix(i.where) } : i)),
        };
      });
    case 'alter-column':
      return withColumn(set, edit.entity, edit.prop, (c) => (c.type === edit.column.type || edit.what === 'type' ? { ...edit.column, prop: c.prop, ...(c.name ? { name: c.name } : {}) } : null));
    case 'enum-values': {
      const found = set.entities.flatMap((e) => e.columns.filter((c) => c.prop === edit.prop && e.className === edit.entity));
      if (found.length === 0 || found[0].type !== 'enum') return null;
      const shared = found[0].enumName;
      // A default whose value goes: the user drops it, or (edits.enum-default) moves it to a value
      // that stays, in the same edit; the migration must cope with the old default on the way.
      const retype = (c: ColumnSpec): ColumnSpec => {
        const keep = c.default && edit.values.includes(String((c.default as { value: unknown }).value));
        const { default: _old, ...rest } = c;
        const moved = !keep && c.default && !edit.dropDefault ? { default: { kind: 'literal' as const, value: edit.values[0] } } : {};
        return { ...rest, enumValues: [...edit.values], ...(keep ? { default: c.default } : moved) };
      };
      return normalizeSet({
        entities: set.entities.map((e) => ({
          ...e,
          columns: e.columns.map((c) =>
            c.type === 'enum' && c.enumValues && ((shared && c.enumName === shared) || (e.className === edit.entity && c.prop === edit.prop)) ? retype(c) : c,
          ),
        })),
      });
    }
    case 'add-table':
      return set.entities.some((e) => e.className === edit.entity.className || e.table === edit.entity.table) ? null : normalizeSet({ entities: [...set.entities, edit.entity] });
    case 'drop-table':
      return set.entities.some((e) => e.className === edit.entity) ? normalizeSet({ entities: set.entities.filter((e) => e.className !== edit.entity) }) : null;
    case 'rename-table':
      return set.entities.some((e) => e.table === edit.to) ? null : withEntity(set, edit.entity, (e) => ({ ...e, table: edit.to }));
    case 'move-schema':
      return withEntity(set, edit.entity, (e) => {
        const { schema: _s, ...rest } = e;
        return edit.schema ? { ...rest, schema: edit.schema } : rest;
      });
    case 'table-comment':
      return withEntity(set, edit.entity, (e) => {
        const { comment: _c, ...rest } = e;
        return edit.comment === null ? rest : { ...rest, comment: edit.comment };
      });
    case 'replace-table-parts':
      return withEntity(set, edit.entity, (e) => ({ ...e, ...edit.parts }));
    case 'add-relation':
      return withEntity(set, edit.entity, (e) => (e.relations.some((r) => r.prop === edit.relation.prop) ? null : { ...e, relations: [...e.relations, edit.relation] }));
    case 'drop-relation':
      return withEntity(set, edit.entity, (e) => (e.relations.some((r) => r.prop === edit.prop) ? { ...e, relations: e.relations.filter((r) => r.prop !== edit.prop) } : null));
  }
}

/** The `--rename` answers an edit gives migrate. */
export function renameAnswers(before: EntitySet, edit: Edit): string[] {
  if (edit.kind === 'rename-column' && edit.rename) {
    const e = before.entities.find((x) => x.className === edit.entity);
    const c = e?.columns.find((x) => x.prop === edit.prop);
    return e && c ? [`${e.table}.${columnName(c)}:${edit.to}`] : [];
  }
  if (edit.kind === 'rename-table' && edit.rename) {
    const e = before.entities.find((x) => x.className === edit.entity);
    return e ? [`${e.table}:${edit.to}`] : [];
  }
  return [];
}

function columnContext(r: Rng, on: FeatureSet, set: EntitySet, e: EntitySpec): ColumnContext {
  const names = new NamePool(r, on);
  const props = new Set(['id', ...e.columns.map((c) => c.prop.toLowerCase()), ...e.relations.map((x) => x.prop.toLowerCase()), ...e.embedded.map((x) => x.prop.toLowerCase())]);
  for (const c of e.columns) names.reserve(columnName(c));
  for (const c of e.sti?.children.flatMap((x) => x.columns) ?? []) names.reserve(columnName(c));
  // An embedded without a prefix puts its columns beside the entity's own: a new or renamed
  // column must not take one of their names (db-manage refuses two properties on one column).
  for (const x of e.embedded) if (x.prefix === false) for (const c of x.columns) names.reserve(columnName(c));
  names.reserve('id');
  if (e.sti) names.reserve(e.sti.column);
  const enums = new Map<string, readonly string[]>();
  for (const c of set.entities.flatMap(everyColumn)) if (c.enumName && c.enumValues) enums.set(c.enumName, c.enumValues);
  return { table: e.table, names, props, enums };
}

/** A changed copy of a column: one property at a time, as a developer edits. */
function alterColumn(r: Rng, on: FeatureSet, set: EntitySet, e: EntitySpec, c: ColumnSpec): Edit | null {
  const choices: string[] = ['nullable', 'default'];
  if (c.type !== 'enum' && castTargets(c, on, e).length > 0) choices.push('type');
  if (['varchar', 'char', 'bit', 'varbit'].includes(c.type)) choices.push('length');
  if (['numeric', 'decimal'].includes(c.type)) choices.push('precision');
  if (['timestamp', 'timestamptz', 'time'].includes(c.type)) choices.push('time precision');
  if (c.type !== 'enum' && typeDef(c.type).indexable && !c.array && on.has('unique')) choices.push('unique');
  if (on.has('comments.simple')) choices.push('comment');
  if (c.type !== 'enum' && typeDef(c.type).collatable && !c.array && on.has('edits.collation')) choices.push('collation');
  const what = r.pick(choices);
  const { default: _d, ...noDefault } = c;
  let next: ColumnSpec = c;
  switch (what) {
    case 'nullable':
      next = { ...c, nullable: !c.nullable };
      break;
    case 'default': {
      if (c.default) next = noDefault;
      else {
        const fresh = generateColumn(r, on, columnContext(r, on, set, e));
        if (fresh.type !== c.type || !fresh.default) return null;
        // A fresh enum column may have other values: its default would not be one of this column's.
        if (c.enumValues && JSON.stringify(fresh.enumValues) !== JSON.stringify(c.enumValues)) return null;
        next = { ...c, default: fresh.default };
      }
      break;
    }
    case 'type': {
      const to = r.pick(castTargets(c, on, e));
      const def = typeDef(to);
      const { length: _l, precision: _p, scale: _s, collation: _c, unique: _u, indexed: _i, ...base } = noDefault;
      next = { ...base, type: to, ...(def.options?.(r) ?? {}), ...(c.array && !def.arrayable ? { array: false } : {}) };
      if (def.indexable && c.unique) next = { ...next, unique: true };
      break;
    }
    case 'length':
      next = { ...noDefault, length: r.pick([1, 5, 30, 120, 500].filter((n) => n !== c.length)) };
      break;
    case 'precision': {
      const precision = r.int(2, 24);
      next = { ...noDefault, precision, scale: r.int(0, Math.min(precision - 1, 8)) };
      break;
    }
    case 'time precision': {
      const { precision: _p, ...rest } = c;
      next = r.chance(0.3) ? rest : { ...c, precision: r.int(0, 6) };
      break;
    }
    case 'unique':
      next = c.unique ? (({ unique: _u, ...rest }) => rest)(c) : { ...c, unique: true };
      break;
    case 'comment': {
      const note = comment(r, new Set([...on, 'comments.simple']) as FeatureSet);
      const { comment: _c, ...rest } = c;
      next = note === undefined || note === c.comment ? rest : { ...c, comment: note };
      break;
    }
    case 'collation': {
      const { collation: _c, ...rest } = c;
      next = c.collation ? rest : { ...c, collation: r.pick(['C', 'POSIX']) };
      break;
    }
  }
  if (JSON.stringify(next) === JSON.stringify(c)) return null;
  return { kind: 'alter-column', entity: e.className, prop: c.prop, what, column: next };
}

function enumEdit(r: Rng, on: FeatureSet, e: EntitySpec, c: ColumnSpec): Edit | null {
  const values = [...(c.enumValues ?? [])];
  if (values.length === 0) return null;
  const add = values.length < 2 || r.chance(0.6);
  if (add) {
    const value = r.pick(['added', 'pending', 'Zürich', "o'clock", 'late']);
    if (values.includes(value)) return null;
    values.splice(r.chance(0.5) ? values.length : r.int(0, values.length), 0, value);
  } else {
    const drop = r.int(0, values.length - 1);
    const usedByDefault = c.default && String((c.default as { value: unknown }).value) === values[drop];
    if (usedByDefault && !on.has('edits.enum-default')) return null;
    values.splice(drop, 1);
  }
  return { kind: 'enum-values', entity: e.className, prop: c.prop, values, dropDefault: !on.has('edits.enum-default') };
}

function tablePartsEdit(r: Rng, on: FeatureSet, set: EntitySet, e: EntitySpec): Edit | null {
  const taken = objectNames(set);
  const plain = e.columns.filter((c) => c.decorator === 'Column' && !c.array && c.type !== 'enum' && !c.generatedExpr && typeDef(c.type).indexable);
  const parts = { indexes: [...e.indexes], uniques: [...e.uniques], checks: [...e.checks], exclusions: [...e.exclusions] };
  const options: string[] = [];
  if (plain.length > 0 && on.has('indexes.class')) options.push('add index');
  if (parts.indexes.length > 0) options.push('drop index');
  if (plain.length > 0 && on.has('uniques')) options.push('add unique');
  if (parts.uniques.length > 0) options.push('drop unique');
  if (parts.checks.length > 0) options.push('drop check');
  if (on.has('exclusions') && parts.exclusions.length === 0) options.push('add exclusion');
  if (options.length === 0) return null;
  const what = r.pick(options);
  if (what === 'add index') {
    const props = [...new Set([r.pick(plain).prop, ...(r.chance(0.3) ? [r.pick(plain).prop] : [])])];
    const index: IndexSpec = { ...(r.chance(0.5) ? { name: freshName(r, 'ix', taken) } : {}), props, ...(r.chance(0.3) ? { unique: true } : {}) };
    parts.indexes.push(index);
  } else if (what === 'add unique') {
    parts.uniques.push({ ...(r.chance(0.5) ? { name: freshName(r, 'uq', taken) } : {}), props: [r.pick(plain).prop] });
  } else if (what === 'add exclusion') {
    const withEx = exclusionFor(r, e, taken);
    if (withEx.exclusions.length === 0) return null;
    parts.exclusions = [...withEx.exclusions];
  } else {
    const list = what === 'drop index' ? parts.indexes : what === 'drop unique' ? parts.uniques : parts.checks;
    list.splice(r.int(0, list.length - 1), 1);
  }
  return { kind: 'replace-table-parts', entity: e.className, what, parts };
}

/** One random edit that applies to the set, or null when the draw found nothing to do. */
export function randomEdit(r: Rng, on: FeatureSet, set: EntitySet, nextIndex: number): Edit | null {
  const kinds: string[] = [];
  if (on.has('edits.tables')) kinds.push('add-table', 'drop-table', 'rename-table');
  if (set.entities.length === 0) return kinds.includes('add-table') ? { kind: 'add-table', entity: freshEntity(r, on, set, nextIndex) } : null;
  if (on.has('edits.columns')) kinds.push('add-column', 'add-column', 'drop-column', 'rename-column');
  if (on.has('edits.alter')) kinds.push('alter-column', 'alter-column', 'alter-column', 'table-comment');
  if (on.has('edits.enum')) kinds.push('enum-values');
  if (on.has('edits.indexes')) kinds.push('table-parts');
  if (on.has('edits.relations')) kinds.push('add-relation', 'drop-relation');
  if (on.has('edits.move-schema') && on.has('schemas')) kinds.push('move-schema');
  if (kinds.length === 0) return null;
  const kind = r.pick(kinds);
  const e = r.pick(set.entities);
  const ownColumns = e.columns.filter((c) => c.decorator === 'Column' && !c.generatedExpr);
  switch (kind) {
    case 'add-table':
      return { kind: 'add-table', entity: freshEntity(r, on, set, nextIndex) };
    case 'drop-table':
      return { kind: 'drop-table', entity: e.className };
    case 'rename-table': {
      const names = new NamePool(r, on);
      for (const x of set.entities) names.reserve(x.table);
      return { kind: 'rename-table', entity: e.className, to: names.table(), rename: r.chance(0.6) };
    }
    case 'add-column':
      return { kind: 'add-column', entity: e.className, column: generateColumn(r, on, columnContext(r, on, set, e)) };
    case 'drop-column':
      return ownColumns.length > 0 ? { kind: 'drop-column', entity: e.className, prop: r.pick(ownColumns).prop } : null;
    case 'rename-column': {
      if (ownColumns.length === 0) return null;
      const c = r.pick(ownColumns);
      return { kind: 'rename-column', entity: e.className, prop: c.prop, to: columnContext(r, on, set, e).names.column(), rename: r.chance(0.6) };
    }
    case 'alter-column':
      return ownColumns.length > 0 ? alterColumn(r, on, set, e, r.pick(ownColumns)) : null;
    case 'table-comment': {
      const note = comment(r, new Set([...on, 'comments.simple']) as FeatureSet);
      return note === e.comment ? null : { kind: 'table-comment', entity: e.className, comment: e.comment !== undefined && r.chance(0.4) ? null : (note ?? null) };
    }
    case 'enum-values': {
      const enums = ownColumns.filter((c) => c.type === 'enum' && c.enumValues);
      return enums.length > 0 ? enumEdit(r, on, e, r.pick(enums)) : null;
    }
    case 'table-parts':
      return tablePartsEdit(r, on, set, e);
    case 'add-relation': {
      const targets = set.entities.filter((x) => !x.tree);
      const target = targets.length > 0 ? r.pick(targets) : null;
      const rel = target ? relationFor(r, on, e, target, objectNames(set), set.entities.indexOf(target) < set.entities.indexOf(e)) : null;
      return rel ? { kind: 'add-relation', entity: e.className, relation: rel } : null;
    }
    case 'drop-relation':
      return e.relations.length > 0 ? { kind: 'drop-relation', entity: e.className, prop: r.pick(e.relations).prop } : null;
    case 'move-schema': {
      const to = r.pick([null, ...SCHEMAS].filter((s) => s !== (e.schema ?? null)));
      return { kind: 'move-schema', entity: e.className, schema: to };
    }
  }
  return null;
}

function freshEntity(r: Rng, on: FeatureSet, set: EntitySet, index: number): EntitySpec {
  const tables = new NamePool(r, on);
  for (const e of set.entities) tables.reserve(e.table);
  const enums = new Map<string, readonly string[]>();
  for (const c of set.entities.flatMap(everyColumn)) if (c.enumName && c.enumValues) enums.set(c.enumName, c.enumValues);
  return clone(generateEntity(r, on, tables, enums, objectNames(set), index));
}

const schemasOf = (set: EntitySet) => new Set(set.entities.map((e) => e.schema ?? 'public'));

/** The edit empties a schema other than public: compared only because the project lists its schemas (RESULTS.md, finding A). */
function leavesSchema(before: EntitySet, after: EntitySet): boolean {
  const now = schemasOf(after);
  return [...schemasOf(before)].some((s) => s !== 'public' && !now.has(s));
}

/** `count` edits that each change the set, drawn against the set as it evolves. */
export function generateEdits(r: Rng, on: FeatureSet, initial: EntitySet, count: number): Edit[] {
  const edits: Edit[] = [];
  let set = initial;
  let index = initial.entities.length + 1;
  for (let tries = 0; edits.length < count && tries < count * 20; tries++) {
    const edit = randomEdit(r, on, set, index);
    const next = edit && applyEdit(set, edit);
    if (!edit || !next || JSON.stringify(next) === JSON.stringify(set)) continue;
    // migrate refuses a data source without entities, in one line: not a round trip.
    if (next.entities.length === 0) continue;
    if (!on.has('edits.leave-schema') && leavesSchema(set, next)) continue;
    if (edit.kind === 'add-table') index++;
    edits.push(edit);
    set = next;
  }
  return edits;
}

