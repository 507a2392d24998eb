import type { ColumnSpec, DefaultSpec } from './entity-spec';
import type { FeatureName, FeatureSet } from './features';
import type { Rng } from './prng';

/**
 * The PostgreSQL column types the generator writes, with the options each takes and
 * the defaults a user would give it. `format` is what format_type() must print for the
 * column: the oracle's own expectation, independent of the engine's canonical types.
 */
export interface TypeDef {
  readonly feature: FeatureName;
  readonly type: string;
  /** The property's TypeScript type in the rendered entity. */
  readonly ts: string;
  readonly options?: (r: Rng) => Partial<ColumnSpec>;
  readonly format: (c: ColumnSpec) => string;
  /** Defaults a user writes for this type (features filter them). */
  readonly defaults?: (r: Rng, c: ColumnSpec, on: FeatureSet) => DefaultSpec | undefined;
  /** May be an array (`array: true`). */
  readonly arrayable?: boolean;
  /** Takes a collation. */
  readonly collatable?: boolean;
  /** Usable in a btree index / unique constraint. */
  readonly indexable?: boolean;
}

const plain = (name: string) => () => name;
const lit = (value: string | number | boolean): DefaultSpec => ({ kind: 'literal', value });
const sql = (text: string): DefaultSpec => ({ kind: 'sql', sql: text });
const withPrecision = (name: string, c: ColumnSpec) =>
  c.precision === undefined ? name : name.replace(/^(timestamp|time|interval)/, `$1(${c.precision})`);

const STRINGS = ["it's", 'plain', 'back\\slash', 'ünïcödé ✓', 'semi;colon', '"quoted"', '', '$1 $$'];

function stringDefault(r: Rng, c: ColumnSpec, on: FeatureSet): DefaultSpec {
  if (on.has('defaults.now-string') && r.chance(0.1)) return lit('now()');
  if (on.has('defaults.multi-line') && r.chance(0.15)) return lit('first line\nsecond line');
  const limit = c.length ?? 1000;
  const text = r.pick(STRINGS.filter((s) => [...s].length <= limit));
  return lit(text);
}

export const TYPES: readonly TypeDef[] = [
  { feature: 'types.integer', type: 'int', ts: 'number', format: plain('integer'), arrayable: true, indexable: true, defaults: (r) => lit(r.int(-5, 1000)) },
  { feature: 'types.integer', type: 'smallint', ts: 'number', format: plain('smallint'), indexable: true, defaults: (r) => lit(r.int(0, 300)) },
  { feature: 'types.integer', type: 'bigint', ts: 'string', format: plain('bigint'), indexable: true, defaults: (r) => lit(r.pick([0, 9007199254740991, -1])) },
  {
    feature: 'types.numeric',
    type: 'numeric',
    ts: 'string',
    options: (r) => {
      const precision = r.int(1, 20);
      return r.chance(0.2) ? {} : { precision, scale: r.int(0, Math.min(precision, 6)) };
    },
    format: (c) => (c.precision === undefined ? 'numeric' : `numeric(${c.precision},${c.scale ?? 0})`),
    arrayable: true,
    indexable: true,
    defaults: (r, c) => lit(c.precision === undefined || c.precision - (c.scale ?? 0) >= 2 ? r.pick([0, 1.5, 12]) : 0),
  },
  {
    feature: 'types.numeric',
    type: 'decimal',
    ts: 'string',
    options: (r) => {
      const precision = r.int(2, 18);
      return { precision, scale: r.int(0, Math.min(precision - 1, 4)) };
    },
    format: (c) => `numeric(${c.precision},${c.scale ?? 0})`,
    indexable: true,
    defaults: () => lit(1),
  },
  { feature: 'types.numeric', type: 'real', ts: 'number', format: plain('real'), indexable: true, defaults: () => lit(2.5) },
  { feature: 'types.numeric', type: 'double precision', ts: 'number', format: plain('double precision'), indexable: true, defaults: () => lit(0.125) },
  {
    feature: 'types.text',
    type: 'varchar',
    ts: 'string',
    options: (r) => (r.chance(0.15) ? {} : { length: r.pick([1, 12, 40, 80, 255]) }),
    format: (c) => (c.length === undefined ? 'character varying' : `character varying(${c.length})`),
    arrayable: true,
    collatable: true,
    indexable: true,
    defaults: stringDefault,
  },
  {
    feature: 'types.text',
    type: 'char',
    ts: 'string',
    options: (r) => ({ length: r.pick([1, 3, 10]) }),
    format: (c) => `character(${c.length ?? 1})`,
    collatable: true,
    indexable: true,
    defaults: (r, c) => lit(c.length === 1 ? 'x' : 'ab'),
  },
  { feature: 'types.text', type: 'text', ts: 'string', format: plain('text'), arrayable: true, collatable: true, indexable: true, defaults: stringDefault },
  { feature: 'types.boolean', type: 'boolean', ts: 'boolean', format: plain('boolean'), indexable: true, defaults: (r) => lit(r.chance(0.5)) },
  { feature: 'types.time', type: 'date', ts: 'string', format: plain('date'), indexable: true, defaults: (r) => r.pick([lit('2020-02-29'), sql('CURRENT_DATE')]) },
  {
    feature: 'types.time',
    type: 'timestamp',
    ts: 'Date',
    options: (r) => (r.chance(0.5) ? {} : { precision: r.int(0, 6) }),
    format: (c) => withPrecision('timestamp without time zone', c),
    indexable: true,
    defaults: (r) => r.pick([sql('now()'), sql('CURRENT_TIMESTAMP'), lit('2001-02-03 04:05:06')]),
  },
  {
    feature: 'types.time',
    type: 'timestamptz',
    ts: 'Date',
    options: (r) => (r.chance(0.5) ? {} : { precision: r.int(0, 6) }),
    format: (c) => withPrecision('timestamp with time zone', c),
    indexable: true,
    defaults: (r) => r.pick([sql('now()'), sql('CURRENT_TIMESTAMP')]),
  },
  {
    feature: 'types.time',
    type: 'time',
    ts: 'string',
    options: (r) => (r.chance(0.5) ? {} : { precision: r.int(0, 6) }),
    format: (c) => withPrecision('time without time zone', c),
    indexable: true,
    defaults: () => lit('12:30:00'),
  },
  { feature: 'types.time', type: 'timetz', ts: 'string', format: plain('time with time zone'), indexable: true },
  { feature: 'types.time', type: 'interval', ts: 'string', format: plain('interval'), indexable: true, defaults: () => lit('1 day') },
  { feature: 'types.uuid', type: 'uuid', ts: 'string', format: plain('uuid'), arrayable: true, indexable: true, defaults: () => sql('gen_random_uuid()') },
  {
    feature: 'types.json',
    type: 'jsonb',
    ts: 'unknown',
    format: plain('jsonb'),
    defaults: (r, _c, on) => {
      if (on.has('defaults.json-array') && r.chance(0.4)) return { kind: 'value', value: r.pick([[], ['red', 'blue'], [1, { a: null }]]) };
      if (on.has('defaults.json-object')) return { kind: 'value', value: r.pick([{}, { a: 1, b: 'two' }, { nested: { q: "it's" } }]) };
      return undefined;
    },
  },
  {
    feature: 'types.json',
    type: 'json',
    ts: 'unknown',
    format: plain('json'),
    defaults: (r, _c, on) => {
      if (on.has('defaults.json-array') && r.chance(0.4)) return { kind: 'value', value: [] };
      if (on.has('defaults.json-object')) return { kind: 'value', value: { k: [1, 2] } };
      return undefined;
    },
  },
  { feature: 'types.range', type: 'int4range', ts: 'string', format: plain('int4range'), defaults: () => lit('[1,10)') },
  { feature: 'types.range', type: 'int8range', ts: 'string', format: plain('int8range') },
  { feature: 'types.range', type: 'numrange', ts: 'string', format: plain('numrange') },
  { feature: 'types.range', type: 'tsrange', ts: 'string', format: plain('tsrange') },
  {
    feature: 'types.range',
    type: 'tstzrange',
    ts: 'string',
    format: plain('tstzrange'),
    defaults: (r, _c, on) => (on.has('defaults.expression') ? sql("tstzrange(CURRENT_TIMESTAMP, 'infinity')") : undefined),
  },
  { feature: 'types.range', type: 'daterange', ts: 'string', format: plain('daterange'), defaults: () => lit('empty') },
  { feature: 'types.simple', type: 'simple-array', ts: 'string[]', format: plain('text') },
  { feature: 'types.simple', type: 'simple-json', ts: 'unknown', format: plain('text') },
  { feature: 'types.misc', type: 'inet', ts: 'string', format: plain('inet'), indexable: true, defaults: () => lit('127.0.0.1') },
  { feature: 'types.misc', type: 'cidr', ts: 'string', format: plain('cidr'), indexable: true },
  { feature: 'types.misc', type: 'macaddr', ts: 'string', format: plain('macaddr'), indexable: true },
  { feature: 'types.misc', type: 'bytea', ts: 'Buffer', format: plain('bytea') },
  { feature: 'types.misc', type: 'xml', ts: 'string', format: plain('xml') },
  { feature: 'types.misc', type: 'bit', ts: 'string', options: (r) => ({ length: r.pick([1, 8]) }), format: (c) => `bit(${c.length ?? 1})`, indexable: true },
  { feature: 'types.misc', type: 'varbit', ts: 'string', options: (r) => ({ length: r.pick([4, 16]) }), format: (c) => `bit varying(${c.length})`, indexable: true },
];

export function typeDef(type: string): TypeDef {
  const found = TYPES.find((t) => t.type === type);
  if (!found) throw new Error(`no type definition for ${type}`);
  return found;
}

/** What format_type() prints for a non-enum column. */
export function expectedFormat(c: ColumnSpec): string {
  const base = typeDef(c.type).format(c);
  return c.array ? `${base}[]` : base;
}

/**
 * Type changes a migration can make with `USING col::new` on any table: the cast exists.
 * A change outside these pairs (int → uuid, jsonb → int) is not something PostgreSQL can
 * cast, so the generator never asks for it.
 */
export const CASTABLE: Readonly<Record<string, readonly string[]>> = {
  int: ['bigint', 'numeric', 'text', 'varchar', 'smallint', 'double precision'],
  smallint: ['int', 'bigint', 'numeric'],
  bigint: ['numeric', 'text', 'int'],
  numeric: ['double precision', 'text', 'decimal', 'int'],
  decimal: ['numeric', 'text'],
  real: ['double precision', 'numeric'],
  'double precision': ['numeric', 'real', 'text'],
  varchar: ['text', 'char'],
  char: ['varchar', 'text'],
  text: ['varchar'],
  boolean: ['text'],
  date: ['timestamp', 'timestamptz', 'text'],
  timestamp: ['timestamptz', 'date', 'text'],
  timestamptz: ['timestamp', 'text'],
  time: ['text', 'interval'],
  uuid: ['text', 'varchar'],
  json: ['jsonb', 'text'],
  jsonb: ['json', 'text'],
  inet: ['text'],
};
