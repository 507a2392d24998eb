import { TYPES, typeDef, type TypeDef } from './column-types';
import type { ColumnSpec, DefaultSpec } from './entity-spec';
import type { FeatureSet } from './features';
import { propFor, type NamePool } from './names';
import type { Rng } from './prng';

const ENUM_VALUES = ['draft', 'live', 'archived', "it's", 'Ünï', 'with space', 'UPPER', 'a,b', 'x"y'];
/** Shared enum names and the values every column naming them must list. */
export const SHARED_ENUMS: Readonly<Record<string, readonly string[]>> = {
  shared_status: ['new', 'open', 'closed'],
  mood: ['happy', 'sad', "can't say"],
};
const COLLATIONS = ['C', 'POSIX', 'ucs_basic'];

export function comment(r: Rng, on: FeatureSet): string | undefined {
  if (on.has('comments.nul') && r.chance(0.03)) return 'before\u0000after';
  if (on.has('comments.multi-line') && r.chance(0.2)) return r.pick(['line one\nline two', 'ends with newline\n', 'a\r\nb']);
  if (!on.has('comments.simple') || !r.chance(0.25)) return undefined;
  return r.pick(["it's a comment", 'back\\slash \\n not a newline', 'ünïcödé – “quotes” ✓', '50% off; DROP TABLE x; --', '$$ dollar $tag$', '"double"']);
}

export function availableTypes(on: FeatureSet): TypeDef[] {
  return TYPES.filter((t) => on.has(t.feature));
}

function defaultFor(r: Rng, def: TypeDef, c: ColumnSpec, on: FeatureSet): DefaultSpec | undefined {
  if (c.array) {
    if (!on.has('defaults.array')) return undefined;
    if (def.type === 'int') return { kind: 'value', value: r.pick([[], [1, 2, 3]]) };
    // Elements that fit the column: PostgreSQL refuses a longer one when it adds the column (seed 1613).
    if (def.type === 'text' || def.type === 'varchar') return { kind: 'value', value: r.pick([[], ['a', "it's", 'with space'].filter((s) => [...s].length <= (c.length ?? Infinity))]) };
    return undefined;
  }
  const d = def.defaults?.(r, c, on);
  if (!d) return undefined;
  if (d.kind === 'literal' && !on.has('defaults.literal')) return undefined;
  if (d.kind === 'sql' && !on.has('defaults.function') && !on.has('defaults.expression')) return undefined;
  return d;
}

export interface ColumnContext {
  readonly table: string;
  readonly names: NamePool;
  readonly props: Set<string>;
  /** Enum names already taken by this set, with their values. */
  readonly enums: Map<string, readonly string[]>;
}

function enumColumn(r: Rng, on: FeatureSet, ctx: ColumnContext, base: ColumnSpec): ColumnSpec {
  if (on.has('types.enum-shared') && r.chance(0.35)) {
    const name = r.pick(Object.keys(SHARED_ENUMS));
    const declared = ctx.enums.get(name);
    const values = declared ?? SHARED_ENUMS[name];
    ctx.enums.set(name, values);
    // A reference without values needs a declaration elsewhere in the set; without one,
    // `config-invalid` is the right answer and says nothing about the diff.
    if (declared && on.has('types.enum-reference') && r.chance(0.3)) return { ...base, type: 'enum', enumName: name };
    return { ...base, type: 'enum', enumName: name, enumValues: [...values] };
  }
  const count = r.int(1, 4);
  const values: string[] = [];
  while (values.length < count) {
    const v = r.pick(ENUM_VALUES);
    if (!values.includes(v)) values.push(v);
  }
  if (r.chance(0.3)) {
    let name = `${ctx.table}_kind`;
    for (let i = 2; ctx.enums.has(name); i++) name = `${ctx.table}_kind${i}`;
    ctx.enums.set(name, values);
    return { ...base, type: 'enum', enumName: name, enumValues: values };
  }
  return { ...base, type: 'enum', enumValues: values };
}

/** One `@Column` with random type, options and default. */
export function generateColumn(r: Rng, on: FeatureSet, ctx: ColumnContext): ColumnSpec {
  const dbName = ctx.names.column();
  const prop = propFor(dbName, ctx.props);
  const renamed = prop !== dbName || (on.has('columns.db-name') && r.chance(0.1));
  let c: ColumnSpec = { prop, decorator: 'Column', type: 'int', ...(renamed ? { name: prop === dbName ? `${dbName}_col` : dbName } : {}) };
  if (renamed && prop === dbName) ctx.names.reserve(`${dbName}_col`);
  if (on.has('nullable') && r.chance(0.35)) c = { ...c, nullable: true };
  const types = availableTypes(on);
  const useEnum = on.has('types.enum') && r.chance(types.length === 0 ? 1 : 0.12);
  if (useEnum) {
    c = enumColumn(r, on, ctx, c);
    if (on.has('types.array') && r.chance(0.15)) c = { ...c, array: true };
    else if (on.has('defaults.literal') && c.enumValues && c.enumValues.length > 0 && r.chance(0.4)) c = { ...c, default: { kind: 'literal', value: r.pick(c.enumValues) } };
  } else {
    const def = r.pick(types.length > 0 ? types : [typeDef('int')]);
    c = { ...c, type: def.type, ...(def.options?.(r) ?? {}) };
    if (def.arrayable && on.has('types.array') && r.chance(0.15)) c = { ...c, array: true };
    if (r.chance(0.35)) {
      const d = defaultFor(r, def, c, on);
      if (d) c = { ...c, default: d };
    }
    if (def.collatable && !c.array && on.has('collation') && r.chance(0.2)) c = { ...c, collation: r.pick(COLLATIONS) };
    if (def.indexable && !c.array && on.has('unique') && r.chance(0.1)) c = { ...c, unique: true };
    else if (def.indexable && !c.array && on.has('indexes.property') && r.chance(0.1)) c = { ...c, indexed: true };
  }
  const note = comment(r, on);
  if (note !== undefined) c = { ...c, comment: note };
  return c;
}

/** The special columns TypeORM fills itself. */
export function specialColumn(r: Rng, decorator: ColumnSpec['decorator'], ctx: ColumnContext): ColumnSpec {
  const dbName = ctx.names.column();
  const prop = propFor(dbName, ctx.props);
  const name = prop === dbName ? {} : { name: dbName };
  switch (decorator) {
    case 'VersionColumn':
      return { prop, ...name, decorator, type: 'int' };
    case 'DeleteDateColumn':
      return { prop, ...name, decorator, type: r.pick(['timestamp', 'timestamptz']), nullable: true };
    default:
      return { prop, ...name, decorator, type: r.pick(['timestamp', 'timestamptz']), ...(r.chance(0.3) ? { precision: r.int(0, 6) } : {}) };
  }
}
