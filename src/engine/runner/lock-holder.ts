import type { Queryable } from '../inspect/queryable';

/** A session that holds one of our advisory locks, as pg_stat_activity describes it. */
export interface LockHolder {
  readonly pid: number;
  readonly applicationName: string;
  readonly user: string | null;
  readonly client: string | null;
  /** When the session connected, and when its current state (a transaction, a statement) began. */
  readonly since: string | null;
  readonly state: string | null;
  readonly query: string | null;
}

/** The sessions holding the two-key advisory lock `key` (pg_locks stores the keys as oids). */
export async function lockHolders(db: Queryable, [a, b]: readonly [number, number]): Promise<LockHolder[]> {
  const rows = (await db.query(
    `SELECT a.pid, a.application_name AS "applicationName", a.usename AS "user", a.client_addr::text AS client,
            to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since, a.state, left(a.query, 120) AS query
     FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND l.classid = ($1::bigint & 4294967295)::oid AND l.objid = ($2::bigint & 4294967295)::oid
     ORDER BY a.backend_start`,
    [a, b],
  )) as LockHolder[];
  return rows.map((r) => ({ ...r, pid: Number(r.pid) }));
}

export function describeHolder(h: LockHolder): string {
  const app = h.applicationName ? `"${h.applicationName}"` : 'no application_name';
  const who = [h.user ? `user ${h.user}` : null, h.client ? `from ${h.client}` : null].filter(Boolean).join(' ');
  return `pid ${h.pid} (${app}${who ? `, ${who}` : ''}, connected since ${h.since ?? 'unknown'}, ${h.state ?? 'state unknown'})`;
}
