import { join } from 'node:path';
import { upgrade } from '../../src/api';
import { ROOT } from './run-cli';
import { adminQuery, apiEnv, type ScratchDatabase } from './test-cluster';

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
