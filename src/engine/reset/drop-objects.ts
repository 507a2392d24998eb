import { DbManageError } from '../errors/db-manage-error';
import type { Queryable } from '../inspect/queryable';
import { qualify } from '../sql/quote';
import { shown, type CatalogObject } from './database-objects';

/** Kinds in the order that usually needs no retry: what is built on others goes first. */
const ORDER: readonly { readonly kinds: readonly string[]; readonly drop: string }[] = [
  { kinds: ['view'], drop: 'DROP VIEW' },
  { kinds: ['materialized view'], drop: 'DROP MATERIALIZED VIEW' },
  { kinds: ['foreign table'], drop: 'DROP FOREIGN TABLE' },
  { kinds: ['table'], drop: 'DROP TABLE' },
  { kinds: ['sequence'], drop: 'DROP SEQUENCE' },
  { kinds: ['function', 'procedure', 'aggregate'], drop: 'DROP ROUTINE' },
  { kinds: ['domain'], drop: 'DROP DOMAIN' },
  { kinds: ['enum type', 'range type', 'type'], drop: 'DROP TYPE' },
];

const isRoutine = (o: CatalogObject) => o.kind === 'function' || o.kind === 'procedure' || o.kind === 'aggregate';
const target = (o: CatalogObject) => `${qualify(o.schema, o.name)}${isRoutine(o) ? `(${o.args})` : ''}`;

/** One DROP per kind, never CASCADE: what depends on them and is not listed makes PostgreSQL refuse. */
export function dropObjectsSql(objects: readonly CatalogObject[]): string[] {
  return ORDER.flatMap(({ kinds, drop }) => {
    const group = objects.filter((o) => kinds.includes(o.kind));
    return group.length === 0 ? [] : [`${drop} ${group.map(target).join(', ')}`];
  });
}

const DEPENDENTS_EXIST = '2BP01';

const pgCode = (err: unknown) => {
  const e = err as { code?: string; driverError?: { code?: string } };
  return e?.driverError?.code ?? e?.code;
};

/** Runs `sql` in a savepoint; false when PostgreSQL says something else still depends on it. */
async function tryDrop(db: Queryable, sql: string): Promise<{ ok: true } | { ok: false; err: unknown }> {
  await db.query('SAVEPOINT db_manage_drop');
  try {
    await db.query(sql);
    await db.query('RELEASE SAVEPOINT db_manage_drop');
    return { ok: true };
  } catch (err) {
    await db.query('ROLLBACK TO SAVEPOINT db_manage_drop');
    if (pgCode(err) !== DEPENDENTS_EXIST) throw err;
    return { ok: false, err };
  }
}

/**
 * Drops `objects` inside the caller's transaction, without CASCADE, whatever the order
 * of their dependencies: each kind in one statement first (keys among tables need no
 * order), then one by one while that makes progress. What still cannot go has a
 * dependent that is not listed (an object the reset leaves alone): refused, by name.
 */
export async function dropObjects(db: Queryable, objects: readonly CatalogObject[], action: string): Promise<void> {
  let left = [...objects];
  let lastError: unknown = null;
  while (left.length > 0) {
    const before = left.length;
    for (const { kinds, drop } of ORDER) {
      const group = left.filter((o) => kinds.includes(o.kind));
      if (group.length === 0) continue;
      const all = await tryDrop(db, `${drop} ${group.map(target).join(', ')}`);
      if (all.ok) {
        left = left.filter((o) => !group.includes(o));
        continue;
      }
      lastError = all.err;
      if (group.length === 1) continue;
      for (const o of group) {
        const one = await tryDrop(db, `${drop} ${target(o)}`);
        if (one.ok) left = left.filter((x) => x !== o);
        else lastError = one.err;
      }
    }
    if (left.length === before) break;
  }
  if (left.length === 0) return;
  const pg = (lastError as { driverError?: { detail?: string; message?: string }; detail?: string; message?: string }) ?? {};
  const detail = String(pg.driverError?.detail ?? pg.detail ?? pg.driverError?.message ?? pg.message ?? '').replace(/\s+/g, ' ');
  const names = left.map((o) => { const s = shown(o); return `${s.schema}.${s.name} (${s.kind})`; }).join(', ');
  throw new DbManageError('data-loss-refused', `${action} refused: ${names} cannot be dropped without what depends on it, which ${action} leaves alone${detail ? ` (${detail})` : ''}`, {
    cause: lastError,
    hint: `Drop or change those dependent objects yourself, then run ${action} again. Nothing was changed`,
    details: { objects: left.map(shown) },
  });
}
