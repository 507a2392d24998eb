import { typeParts, type TypeParts } from '../../model/canonical/canonical-type';

/**
 * What PostgreSQL does to the table when a column changes type. Most changes rewrite
 * every row (and rebuild every index) under an ACCESS EXCLUSIVE lock; a few are
 * binary-coercible or relax a limit, and PostgreSQL then only updates the catalog.
 */

/** Types whose limit can grow (or be removed) without touching the rows. */
const GROWABLE = new Set([
  'character varying', 'bit varying', 'interval',
  'timestamp without time zone', 'timestamp with time zone', 'time without time zone', 'time with time zone',
]);

/** Changes PostgreSQL treats as binary-coercible: only the catalog changes. */
function coercibleWithoutRewrite(from: TypeParts, to: TypeParts): boolean {
  if (from.name === 'character varying' && to.name === 'text') return true;
  if (from.name === 'text' && to.name === 'character varying') return to.mods.length === 0;
  if (from.name === 'cidr' && to.name === 'inet') return true;
  if (from.name !== to.name) return false;
  if (to.mods.length === 0) return true;
  if (from.mods.length === 0) return false;
  if (GROWABLE.has(from.name)) return to.mods[0] >= from.mods[0];
  if (from.name === 'numeric') return to.mods[0] >= from.mods[0] && (to.mods[1] ?? 0) === (from.mods[1] ?? 0);
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
  const a = typeParts(from);
  const b = typeParts(to);
  if (usingExpression) return { rewrites: true, reason: `a USING clause recomputes every row (${from} → ${to})` };
  if (a.array !== b.array) return { rewrites: true, reason: `${from} → ${to} converts every row` };
  if (coercibleWithoutRewrite(a, b)) return { rewrites: false };
  if (a.name === 'timestamp without time zone' && b.name === 'timestamp with time zone') {
    return { rewrites: true, reason: `${from} → ${to} rewrites the table unless the session time zone is UTC` };
  }
  if (a.name === b.name) return { rewrites: true, reason: `${from} → ${to} narrows the type, so every row is checked and rewritten` };
  return { rewrites: true, reason: `${from} → ${to} is not binary-coercible, so every row is rewritten` };
}
