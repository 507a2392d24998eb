// The synthetic project as plain data: N entities with a deterministic mix of column types,
// enums, enum arrays, foreign keys, indexes, uniques and defaults, 10% in a second schema.
// Entity i depends only on i (its own seed), so the first 100 of 300 are the 100-entity project.

export const SECOND_SCHEMA = 'archive';

export interface ColumnSpec {
  readonly property: string;
  readonly decorator: 'Column' | 'CreateDateColumn' | 'UpdateDateColumn';
  /** The decorator's options object, as TypeScript source. */
  readonly options: string;
  readonly tsType: string;
  /** An enum declared in the entity's file that this column uses. */
  readonly enumName?: string;
}

export interface RelationSpec {
  readonly property: string;
  readonly target: number;
  readonly nullable: boolean;
  readonly onDelete: 'CASCADE' | 'SET NULL';
}

export interface EntitySpec {
  readonly index: number;
  readonly className: string;
  readonly fileName: string;
  readonly table: string;
  readonly schema?: string;
  readonly uuidKey: boolean;
  readonly enums: readonly { readonly name: string; readonly values: readonly string[] }[];
  readonly columns: readonly ColumnSpec[];
  readonly relations: readonly RelationSpec[];
  /** Property lists for `@Index([...])` and `@Unique([...])` on the class. */
  readonly indexes: readonly (readonly string[])[];
  readonly uniques: readonly (readonly string[])[];
}

/** mulberry32: tiny, fast and the same on every machine. */
function rng(seed: number): () => number {
  let a = (seed * 2654435761) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Optional = (cls: string) => ColumnSpec & { readonly enumValues?: readonly string[] };

// Defaults are kinds TypeORM 1.1.1 compares correctly, so its own `--check` can come back clean
// and the comparison with it is fair; the cases it gets wrong belong in db-manage's tests.
const OPTIONAL_COLUMNS: readonly Optional[] = [
  () => ({ property: 'code', decorator: 'Column', options: `{ type: 'varchar', length: 40, unique: true }`, tsType: 'string' }),
  () => ({ property: 'title', decorator: 'Column', options: `{ type: 'varchar', length: 200, default: 'untitled' }`, tsType: 'string' }),
  () => ({ property: 'body', decorator: 'Column', options: `{ type: 'text', nullable: true }`, tsType: 'string | null' }),
  () => ({ property: 'quantity', decorator: 'Column', options: `{ type: 'integer', default: 0 }`, tsType: 'number' }),
  () => ({ property: 'total', decorator: 'Column', options: `{ type: 'bigint', nullable: true }`, tsType: 'string | null' }),
  () => ({ property: 'price', decorator: 'Column', options: `{ type: 'numeric', precision: 12, scale: 2, default: 0 }`, tsType: 'string' }),
  () => ({ property: 'active', decorator: 'Column', options: `{ default: true }`, tsType: 'boolean' }),
  () => ({ property: 'publishedOn', decorator: 'Column', options: `{ type: 'date', nullable: true }`, tsType: 'string | null' }),
  () => ({ property: 'payload', decorator: 'Column', options: `{ type: 'jsonb', nullable: true }`, tsType: 'unknown' }),
  () => ({ property: 'externalId', decorator: 'Column', options: `{ type: 'uuid', nullable: true }`, tsType: 'string | null' }),
  () => ({ property: 'score', decorator: 'Column', options: `{ type: 'double precision', nullable: true }`, tsType: 'number | null' }),
  () => ({ property: 'ratio', decorator: 'Column', options: `{ type: 'real', default: 1 }`, tsType: 'number' }),
  () => ({ property: 'rank', decorator: 'Column', options: `{ type: 'smallint', default: 1 }`, tsType: 'number' }),
  () => ({ property: 'labels', decorator: 'Column', options: `{ type: 'text', array: true, default: () => "'{}'" }`, tsType: 'string[]' }),
  (cls) => ({
    property: 'status',
    decorator: 'Column',
    options: `{ type: 'enum', enum: ${cls}Status, default: ${cls}Status.Draft }`,
    tsType: `${cls}Status`,
    enumName: `${cls}Status`,
    enumValues: ['draft', 'active', 'archived'],
  }),
  (cls) => ({
    property: 'flags',
    decorator: 'Column',
    options: `{ type: 'enum', enum: ${cls}Flag, array: true, nullable: true }`,
    tsType: `${cls}Flag[] | null`,
    enumName: `${cls}Flag`,
    enumValues: ['hidden', 'pinned', 'locked', 'featured'],
  }),
  () => ({ property: 'updatedAt', decorator: 'UpdateDateColumn', options: `{ type: 'timestamptz' }`, tsType: 'Date' }),
];

function pad(i: number): string {
  return String(i).padStart(3, '0');
}

function pick<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
}

export function entitySpec(i: number): EntitySpec {
  const random = rng(i);
  const className = `Entity${pad(i)}`;
  // Picked at random, kept in the pool's order so files read alike.
  const optional = pick(OPTIONAL_COLUMNS.map((_, k) => k), 6 + Math.floor(random() * 4), random)
    .sort((a, b) => a - b)
    .map((k) => OPTIONAL_COLUMNS[k](className));
  const columns: ColumnSpec[] = [
    { property: 'name', decorator: 'Column', options: `{ type: 'varchar', length: 120 }`, tsType: 'string' },
    { property: 'createdAt', decorator: 'CreateDateColumn', options: `{ type: 'timestamptz' }`, tsType: 'Date' },
    ...optional.map(({ enumValues: _unused, ...column }) => column),
  ];
  const enums = optional
    .filter((c) => c.enumName && c.enumValues)
    .map((c) => ({ name: c.enumName as string, values: c.enumValues as readonly string[] }));
  const relations: RelationSpec[] = [];
  if (i > 1) {
    relations.push({ property: 'parent', target: 1 + Math.floor(random() * (i - 1)), nullable: true, onDelete: 'SET NULL' });
    if (random() < 0.4) relations.push({ property: 'owner', target: 1 + Math.floor(random() * (i - 1)), nullable: false, onDelete: 'CASCADE' });
  }
  const indexes: string[][] = [];
  if (i % 2 === 0) indexes.push(['name']);
  if (i % 7 === 0) indexes.push(['name', 'createdAt']);
  const uniques: string[][] = [];
  if (i % 11 === 0) uniques.push(['name', 'createdAt']);
  return {
    index: i,
    className,
    fileName: `entity-${pad(i)}`,
    table: `entity_${pad(i)}`,
    schema: i % 10 === 0 ? SECOND_SCHEMA : undefined,
    uuidKey: i % 5 === 0,
    enums,
    columns,
    relations,
    indexes,
    uniques,
  };
}

export function syntheticModel(count: number): EntitySpec[] {
  return Array.from({ length: count }, (_, k) => entitySpec(k + 1));
}

/** What the model contains, for the results file. */
export function modelCensus(model: readonly EntitySpec[]): Record<string, number> {
  const columns = model.flatMap((e) => e.columns);
  return {
    entities: model.length,
    [`in schema ${SECOND_SCHEMA}`]: model.filter((e) => e.schema).length,
    columns: columns.length + model.length + model.reduce((n, e) => n + e.relations.length, 0),
    'enum columns': columns.filter((c) => c.property === 'status').length,
    'enum array columns': columns.filter((c) => c.property === 'flags').length,
    'text[] columns': columns.filter((c) => c.property === 'labels').length,
    'foreign keys': model.reduce((n, e) => n + e.relations.length, 0),
    'class-level indexes': model.reduce((n, e) => n + e.indexes.length, 0),
    'unique constraints (class-level + column)': model.reduce((n, e) => n + e.uniques.length, 0) + columns.filter((c) => c.property === 'code').length,
    'uuid primary keys': model.filter((e) => e.uuidKey).length,
  };
}
