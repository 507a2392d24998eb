/**
 * What PostgreSQL does to the table when a column changes type. Most changes rewrite
 * every row (and rebuild every index) under an ACCESS EXCLUSIVE lock; a few are
 * binary-coercible or relax a limit, and PostgreSQL then only updates the catalog.
 */

export interface ParsedType {
  /** Canonical base name: varchar, bpchar, numeric, int4, timestamptz, … or the name as written. */
  readonly base: string;
  /** Type modifiers: (200) → [200], (10,2) → [10, 2]. Empty when unconstrained. */
  readonly mods: readonly number[];
  readonly array: boolean;
}

const ALIASES: Readonly<Record<string, string>> = {
  'character varying': 'varchar',
  'char varying': 'varchar',
  character: 'bpchar',
  char: 'bpchar',
  int: 'int4',
  integer: 'int4',
  smallint: 'int2',
  bigint: 'int8',
  decimal: 'numeric',
  real: 'float4',
  float: 'float8',
  'double precision': 'float8',
  bool: 'boolean',
  'bit varying': 'varbit',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  time: 'time',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
  serial: 'int4',
  bigserial: 'int8',
  smallserial: 'int2',
};

/** Parses a type as written in SQL or as format_type() prints it. */
export function parseType(text: string): ParsedType {
  let t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let array = false;
  while (/\[\d*\]$/.test(t) || /\barray$/.test(t)) {
    array = true;
    t = t.replace(/\s*(\[\d*\]|array)$/, '').trim();
  }
  const mods: number[] = [];
  // format_type puts precision in the middle: "timestamp(3) with time zone".
  t = t.replace(/\s*\(([^)]*)\)/, (_, inner: string) => {
    for (const part of inner.split(',')) {
      const n = Number(part.trim());
      if (Number.isFinite(n)) mods.push(n);
    }
    return '';
  });
  t = t.replace(/"/g, '').replace(/^pg_catalog\./, '').trim();
  return { base: ALIASES[t] ?? t, mods, array };
}

/** Types whose limit can grow (or be removed) without touching the rows. */
const GROWABLE = new Set(['varchar', 'varbit', 'timestamp', 'timestamptz', 'time', 'timetz', 'interval']);

/** Changes PostgreSQL treats as binary-coercible: only the catalog changes. */
function coercibleWithoutRewrite(from: ParsedType, to: ParsedType): boolean {
  if (from.base === 'varchar' && to.base === 'text') return true;
  if (from.base === 'text' && to.base === 'varchar') return to.mods.length === 0;
  if (from.base === 'cidr' && to.base === 'inet') return true;
  if (from.base !== to.base) return false;
  if (to.mods.length === 0) return true;
  if (from.mods.length === 0) return false;
  if (GROWABLE.has(from.base)) return to.mods[0] >= from.mods[0];
  if (from.base === 'numeric') return to.mods[0] >= from.mods[0] && (to.mods[1] ?? 0) === (from.mods[1] ?? 0);
  return from.mods.every((m, k) => m === to.mods[k]);
}

export type RewriteVerdict =
  | { readonly rewrites: false }
  | { readonly rewrites: true; readonly reason: string }
  | { readonly rewrites: 'unknown'; readonly reason: string };

/**
 * Whether `ALTER COLUMN … TYPE to [USING expression]` rewrites the table, given the type the
 * column had before (when known). A USING that is only the plain cast to `to` is no expression.
 */
export function typeChangeRewrites(from: string | undefined, to: string, usingExpression = false): RewriteVerdict {
  if (from === undefined) {
    return { rewrites: 'unknown', reason: 'the column’s current type is unknown, and most type changes rewrite the table' };
  }
  const a = parseType(from);
  const b = parseType(to);
  if (usingExpression) return { rewrites: true, reason: `a USING clause recomputes every row (${from} → ${to})` };
  if (a.array !== b.array) return { rewrites: true, reason: `${from} → ${to} converts every row` };
  if (coercibleWithoutRewrite(a, b)) return { rewrites: false };
  if (a.base === 'timestamp' && b.base === 'timestamptz') {
    return { rewrites: true, reason: `${from} → ${to} rewrites the table unless the session time zone is UTC` };
  }
  if (a.base === b.base) return { rewrites: true, reason: `${from} → ${to} narrows the type, so every row is checked and rewritten` };
  return { rewrites: true, reason: `${from} → ${to} is not binary-coercible, so every row is rewritten` };
}
