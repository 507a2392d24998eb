import { defineCommand } from '../command';
import { safetyFrom, withSnapshotFirst, type SnapshotFirstArgs } from '../destructive';
import { loadApi } from '../load-api';

export default defineCommand<SnapshotFirstArgs & { lockTimeout?: string; seed: boolean; users?: number }>({
  name: 'reset',
  describe: 'Drop everything the entities manage and rebuild it by running the migrations; destructive',
  options: (y) =>
    withSnapshotFirst(y)
      .option('lock-timeout', { type: 'string', describe: 'How long a statement may wait for a lock held by another session (default DB_MANAGE_LOCK_TIMEOUT or 5s)' })
      .option('seed', { type: 'boolean', default: false, describe: 'Seed afterwards' })
      .option('users', { type: 'number', describe: 'With --seed: also create this many realistic users' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/reset')).resetDatabase({ ...api, ...safetyFrom(args, out), snapshot: args.snapshot, lockTimeout: args.lockTimeout, seed: args.seed, users: args.users });
    out.result(report);
    for (const warning of report.referenceWarnings) out.warn(`could not restore a foreign key: ${warning}`);
    const { plural } = loadApi();
    const seeded = report.seed ? `, ${plural(report.seed.created, 'row')} seeded` : '';
    out.success(`Database ${report.database} reset: ${plural(report.dropped.tables.length, 'table')} dropped, ${plural(report.upgrade.applied.length, 'migration')} applied${seeded}`);
    if (report.leftAlone.length === 0) out.line(out.c.dim('Nothing else was in those schemas.'));
  },
});
