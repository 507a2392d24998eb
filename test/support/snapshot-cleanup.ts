import { snapshots } from '../../src/api';
import { familyPrefix } from '../../src/engine/test-database/template-names';
import { adminQuery, apiEnv, type ScratchDatabase } from './test-cluster';
import { ROOT } from './run-cli';

/**
 * Snapshot databases live beside the scratch database: remove them with it, and the
 * migrations template (and spares) that `reset` built for it to compare with.
 */
export async function dropWithSnapshots(db: ScratchDatabase): Promise<void> {
  const env = apiEnv(db);
  const { snapshots: list } = await snapshots({ cwd: ROOT, env });
  for (const s of list) await snapshots({ cwd: ROOT, env, drop: s.name });
  await db.drop();
  const families = (['tpl', 'spare'] as const).map((role) => familyPrefix(db.name, role));
  const rows = await adminQuery<{ datname: string }>(db.target.adminUrl, 'SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR starts_with(datname, $2)', families);
  for (const { datname } of rows) {
    await adminQuery(db.target.adminUrl, `ALTER DATABASE "${datname.replace(/"/g, '""')}" WITH IS_TEMPLATE false`);
    await adminQuery(db.target.adminUrl, `DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}" WITH (FORCE)`);
  }
}
