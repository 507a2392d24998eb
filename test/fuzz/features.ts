/**
 * Every part of the option space behind a flag. A flag that waits for a fix names the
 * fidelity class (../shared/findings/fidelity.md) it waits for; the CI sample runs with
 * those off, `test:fuzz --features all` (or `--with name`) switches them on.
 */
export interface Feature {
  readonly description: string;
  /**
   * The fidelity class whose fix this flag waits for (0: a finding of this corpus, see
   * RESULTS.md); absent, the flag is on in the sample.
   */
  readonly waitsFor?: number;
}

export const FEATURES = {
  'types.integer': { description: 'int, smallint, bigint' },
  'types.numeric': { description: 'numeric/decimal with precision and scale, real, double precision' },
  'types.text': { description: 'varchar and char with lengths, text' },
  'types.boolean': { description: 'boolean' },
  'types.time': { description: 'date, time, timetz, timestamp, timestamptz with precision, interval' },
  'types.uuid': { description: 'uuid' },
  'types.json': { description: 'json and jsonb' },
  'types.array': { description: 'arrays of int, text, varchar, uuid, numeric, enum' },
  'types.enum': { description: 'enums, with and without enumName' },
  'types.enum-shared': { description: 'one enumName shared by columns of several tables' },
  'types.enum-reference': { description: 'enumName without values, naming an enum declared elsewhere' },
  'types.range': { description: 'int4range, int8range, numrange, tsrange, tstzrange, daterange' },
  'types.simple': { description: 'simple-array, simple-json' },
  'types.misc': { description: 'inet, cidr, macaddr, bytea, money, xml, bit, varbit' },
  nullable: { description: 'nullable: true' },
  unique: { description: 'unique: true on a column' },
  'defaults.literal': { description: 'number, string, boolean defaults' },
  'defaults.json-object': { description: 'a JS object as a json/jsonb default' },
  'defaults.json-array': { description: 'a JS array as a json/jsonb default' },
  'defaults.array': { description: 'a JS array as the default of an array column' },
  'defaults.function': { description: "() => 'now()', CURRENT_TIMESTAMP, gen_random_uuid(), a cast literal" },
  'defaults.expression': { description: "expressions PostgreSQL rewrites: tstzrange(...), ('a' || COALESCE(...))" },
  'defaults.multi-line': { description: 'a string default with a newline' },
  'defaults.now-string': { description: 'the string "now()" as a default' },
  'primary.increment': { description: '@PrimaryGeneratedColumn()' },
  'primary.uuid': { description: "@PrimaryGeneratedColumn('uuid')" },
  'primary.identity': { description: "@PrimaryGeneratedColumn('identity')" },
  'primary.plain': { description: '@PrimaryColumn int or varchar' },
  'columns.special': { description: '@CreateDateColumn, @UpdateDateColumn, @DeleteDateColumn, @VersionColumn' },
  'columns.generated': { description: 'stored generated columns (generatedType STORED, asExpression)' },
  'columns.db-name': { description: 'a database name differing from the property (name:)' },
  'indexes.property': { description: '@Index() on a property' },
  'indexes.class': { description: '@Index on the class: named/unnamed, unique, multi-column, partial where' },
  uniques: { description: '@Unique, named and unnamed, multi-column' },
  'uniques.deferrable': { description: '@Unique with deferrable' },
  checks: { description: '@Check, named and unnamed' },
  exclusions: { description: '@Exclusion on a range column' },
  collation: { description: 'a column collation ("C", "POSIX", ucs_basic)' },
  'comments.simple': { description: 'table and column comments with quotes, backslashes, unicode' },
  'comments.multi-line': { description: 'comments with newlines' },
  'comments.nul': { description: 'a NUL character in a comment' },
  'relations.many-to-one': { description: '@ManyToOne with @JoinColumn, onDelete/onUpdate, nullable' },
  'relations.one-to-one': { description: '@OneToOne with @JoinColumn' },
  'relations.many-to-many': { description: '@ManyToMany with @JoinTable, named and unnamed' },
  'relations.join-table-both-sides': { description: 'the same @JoinTable on both sides of a many-to-many' },
  'tree.closure-table': { description: "@Tree('closure-table')" },
  'tree.materialized-path': { description: "@Tree('materialized-path')" },
  'tree.nested-set': { description: "@Tree('nested-set')" },
  sti: { description: 'single-table inheritance with child entities' },
  embedded: { description: 'embedded columns, with and without prefix' },
  schemas: { description: 'tables in several schemas (analytics, crm)' },
  'names.non-ascii': { description: 'non-ASCII table and column names (under 63 bytes)' },
  'names.mixed-case': { description: 'mixed-case names that need quoting' },
  'names.long': { description: 'names over 63 bytes, and derived names (enum, join table) over 63 bytes' },
  'edits.columns': { description: 'add, drop and rename columns' },
  'edits.tables': { description: 'add, drop and rename tables' },
  'edits.alter': { description: 'change type, length, precision, nullability, default, uniqueness, comment' },
  'edits.collation': { description: 'change a column collation' },
  'edits.enum': { description: 'add and remove enum values' },
  'edits.enum-default': { description: 'remove the enum value a column default uses' },
  'edits.indexes': { description: 'add and drop indexes, uniques, checks' },
  'edits.relations': { description: 'add and drop relations' },
  'edits.move-schema': { description: 'move a table to another schema' },
  'edits.leave-schema': { description: 'move or drop the last table of a schema other than public (finding A: compared because the project lists its schemas)' },
} as const satisfies Record<string, Feature>;

export type FeatureName = keyof typeof FEATURES;

export type FeatureSet = ReadonlySet<FeatureName>;

export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

/** The flags that run in CI: everything not waiting for a fix. */
export function sampleFeatures(): FeatureSet {
  return new Set(FEATURE_NAMES.filter((f) => (FEATURES[f] as Feature).waitsFor === undefined));
}

export function allFeatures(): FeatureSet {
  return new Set(FEATURE_NAMES);
}

/** `--features sample|all` plus `--with a,b` and `--without c`. */
export function featureSet(base: 'sample' | 'all', add: readonly string[], remove: readonly string[]): FeatureSet {
  const out = new Set(base === 'all' ? allFeatures() : sampleFeatures());
  for (const name of [...add, ...remove]) {
    if (!(name in FEATURES)) throw new Error(`unknown feature ${name}; known: ${FEATURE_NAMES.join(', ')}`);
  }
  for (const name of add) out.add(name as FeatureName);
  for (const name of remove) out.delete(name as FeatureName);
  return out;
}
