import { snapshots } from '../../src/api';
import { apiEnv, type ScratchDatabase } from './test-cluster';
import { ROOT } from './run-cli';

/** Snapshot databases live beside the scratch database: remove them with it. */
export async function dropWithSnapshots(db: ScratchDatabase): Promise<void> {
  const env = apiEnv(db);
  const { snapshots: list } = await snapshots({ cwd: ROOT, env });
  for (const s of list) await snapshots({ cwd: ROOT, env, drop: s.name });
  await db.drop();
}
