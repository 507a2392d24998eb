import { join } from 'node:path';
import { createTestDatabase, upgrade } from '../../src/api';
import { ROOT } from './run-cli';
import { adminQuery, apiEnv, TEST_CLUSTER_ENV, type ScratchDatabase, type TestTarget } from './test-cluster';

/** The fixture project: the real entities and seeds, with their initial migration. */
export const DEVLOOP = join(ROOT, 'test', 'fixtures', 'projects', 'devloop');

/** Brings a scratch database to head through the runner, as a user's `upgrade` would. */
export async function migrateToHead(db: ScratchDatabase): Promise<void> {
  await upgrade({ cwd: DEVLOOP, env: apiEnv(db) });
}

/** Row counts by table, e.g. { users: 4, posts: 5, 'analytics.page_views': 12 }. */
export async function rowCounts(db: ScratchDatabase): Promise<Record<string, number>> {
  const rows = await adminQuery<{ t: string; n: string }>(
    db.url,
    `SELECT 'users' AS t, count(*) AS n FROM public.users
     UNION ALL SELECT 'posts', count(*) FROM public.posts
     UNION ALL SELECT 'analytics.page_views', count(*) FROM analytics.page_views`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/** The server of a target, for createTestDatabase (its own database is not used). */
export function serverEnv(target: TestTarget): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  if (target.name === 'external') return { ...env, DATABASE_URL: target.adminUrl };
  delete env.DATABASE_URL;
  return { ...env, DB_MANAGE_PG_DIR: process.env[TEST_CLUSTER_ENV.dir], DB_MANAGE_PG_PORT: process.env[TEST_CLUSTER_ENV.port], DB_MANAGE_PG_DATABASE: 'postgres' };
}

/**
 * A database of the fixture project at head, cloned from its migrated template by the
 * toolkit's own createTestDatabase: the helper an application's tests use.
 */
export async function projectDatabase(target: TestTarget): Promise<ScratchDatabase> {
  const db = await createTestDatabase({ cwd: DEVLOOP, env: serverEnv(target) });
  return { name: db.name, url: db.url, target, drop: db.drop };
}
