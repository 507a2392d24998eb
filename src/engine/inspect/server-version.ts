import type { Queryable } from './queryable';

export interface ServerVersion {
  /** e.g. "17.6" */
  readonly version: string;
  readonly major: number;
}

export async function serverVersion(db: Queryable): Promise<ServerVersion> {
  const rows = (await db.query(`SELECT current_setting('server_version') AS v, current_setting('server_version_num')::int AS n`)) as {
    v: string;
    n: number;
  }[];
  const version = rows[0].v.split(' ')[0];
  return { version, major: Math.floor(Number(rows[0].n) / 10000) };
}
