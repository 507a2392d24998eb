import { qualify } from '../../sql/quote';

/**
 * Column types in one spelling: the one PostgreSQL's format_type() prints for built-in types
 * (`character varying(80)`, `numeric(10,2)`, `timestamp(3) with time zone`, `text[]`), and
 * `"schema"."name"` for enums. Both the entity side and the catalog side land here, so a
 * type written `varchar`, `String` or `character varying` never shows up as a change.
 */

/** Aliases (TypeORM's and PostgreSQL's own) mapped to format_type()'s name. */
const ALIASES: Readonly<Record<string, string>> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  int2: 'smallint',
  smallint: 'smallint',
  int8: 'bigint',
  bigint: 'bigint',
  bool: 'boolean',
  boolean: 'boolean',
  float4: 'real',
  real: 'real',
  float8: 'double precision',
  float: 'double precision',
  double: 'double precision',
  'double precision': 'double precision',
  decimal: 'numeric',
  dec: 'numeric',
  numeric: 'numeric',
  varchar: 'character varying',
  'char varying': 'character varying',
  'character varying': 'character varying',
  char: 'character',
  bpchar: 'character',
  character: 'character',
  timestamp: 'timestamp without time zone',
  'timestamp without time zone': 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  'timestamp with time zone': 'timestamp with time zone',
  time: 'time without time zone',
  'time without time zone': 'time without time zone',
  timetz: 'time with time zone',
  'time with time zone': 'time with time zone',
  varbit: 'bit varying',
  'bit varying': 'bit varying',
  bit: 'bit',
  'simple-array': 'text',
  'simple-json': 'text',
  string: 'character varying',
};

/** Types whose modifier is a length. `character` and `bit` default to length 1. */
const LENGTH_TYPES = new Set(['character varying', 'bit varying', 'character', 'bit', 'vector', 'halfvec', 'sparsevec']);
const DEFAULT_LENGTH_ONE = new Set(['character', 'bit']);
/** Date/time types whose modifier is a precision written inside the name. */
const PRECISION_TYPES = new Set([
  'timestamp without time zone',
  'timestamp with time zone',
  'time without time zone',
  'time with time zone',
  'interval',
]);

export interface TypeSpec {
  /** A type name or alias, e.g. `varchar`, `int`, `timestamptz`. */
  readonly base: string;
  readonly length?: string | number | null;
  readonly precision?: number | null;
  readonly scale?: number | null;
  readonly array?: boolean;
}

/** The format_type() name for a type name or alias; unknown names are lower-cased. */
export function canonicalTypeName(name: string): string {
  const key = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return ALIASES[key] ?? key;
}

/** A type taken apart: format_type()'s name, its modifiers, and whether it is an array. */
export interface TypeParts {
  readonly name: string;
  /** (200) → [200], (10,2) → [10, 2]; empty when unconstrained. */
  readonly mods: readonly number[];
  readonly array: boolean;
}

/**
 * Reads a type in any spelling (SQL's, TypeORM's, format_type()'s: `VARCHAR(200)`,
 * `character varying(200)`, `timestamp(3) with time zone[]`, `int4`) into one vocabulary.
 * The diff, lint and the data-loss checks all compare types through this.
 */
export function typeParts(text: string): TypeParts {
  let t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let array = false;
  while (/\[\d*\]$/.test(t) || / array$/.test(t)) {
    array = true;
    t = t.replace(/\s*(\[\d*\]| array)$/, '').trim();
  }
  const mods: number[] = [];
  // format_type puts a precision in the middle: "timestamp(3) with time zone".
  t = t.replace(/\s*\(([^)]*)\)/, (_, inner: string) => {
    for (const part of inner.split(',')) {
      const n = Number(part.trim());
      if (part.trim() !== '' && Number.isFinite(n)) mods.push(n);
    }
    return '';
  });
  t = t.replace(/"/g, '').replace(/^pg_catalog\./, '').trim();
  return { name: canonicalTypeName(t), mods, array };
}

const present = (n: number | null | undefined): n is number => n !== null && n !== undefined;

/**
 * The canonical type of a column described the way entity metadata describes it.
 * Modifiers a type cannot take are dropped (TypeORM emits `integer(11)`, which fails).
 */
export function canonicalType(spec: TypeSpec): string {
  const name = canonicalTypeName(spec.base);
  const length = spec.length === null || spec.length === undefined ? '' : String(spec.length).trim();
  let type = name;
  if (LENGTH_TYPES.has(name)) {
    if (length !== '') type = `${name}(${Number(length)})`;
    else if (DEFAULT_LENGTH_ONE.has(name)) type = `${name}(1)`;
  } else if (name === 'numeric') {
    if (present(spec.precision)) type = `numeric(${spec.precision},${present(spec.scale) ? spec.scale : 0})`;
  } else if (PRECISION_TYPES.has(name) && present(spec.precision)) {
    type = name.replace(/^(timestamp|time|interval)/, `$1(${spec.precision})`);
  }
  return spec.array ? `${type}[]` : type;
}

/** The canonical type of a column of an enum type. */
export function enumType(schema: string, name: string, array: boolean): string {
  return `${qualify(schema, name)}${array ? '[]' : ''}`;
}

/** The enum a canonical type refers to, if any. */
export function enumOfType(type: string): { schema: string; name: string; array: boolean } | null {
  const match = /^"((?:[^"]|"")*)"\."((?:[^"]|"")*)"(\[\])?$/.exec(type);
  if (!match) return null;
  return { schema: match[1].replace(/""/g, '"'), name: match[2].replace(/""/g, '"'), array: match[3] !== undefined };
}

/** What the catalog says about a column's type. */
export interface CatalogType {
  /** format_type(atttypid, atttypmod). */
  readonly formatted: string;
  /** The element type (for arrays) or the type itself is an enum. */
  readonly isEnum: boolean;
  readonly isArray: boolean;
  /** Schema and name of the element type (or the type). */
  readonly schema: string;
  readonly name: string;
}

/**
 * The canonical type of a catalog column. format_type() qualifies a type only when it is not
 * on the search_path, so its output depends on the session; enums are rebuilt from their
 * schema and name, and any other non-built-in type loses its qualifier (the entities name
 * extension types like `citext` without one).
 */
export function canonicalCatalogType(t: CatalogType): string {
  if (t.isEnum) return enumType(t.schema, t.name, t.isArray);
  const unqualified = t.schema === 'pg_catalog' ? t.formatted : stripQualifier(t.formatted);
  return unqualified;
}

function stripQualifier(formatted: string): string {
  return formatted.replace(/^(?:"(?:[^"]|"")*"|[a-z_][a-z0-9_$]*)\./, '');
}
