import { defineCommand } from '../command';
import { safetyFrom, withSnapshotFirst, type SnapshotFirstArgs } from '../destructive';
import { loadApi } from '../load-api';

export default defineCommand<SnapshotFirstArgs & { lockTimeout?: string; name: string }>({
  name: 'reset-schema',
  positionals: '<name>',
  describe: 'Drop and recreate, empty, the tables the entities manage in one schema; destructive',
  options: (y) =>
    withSnapshotFirst(y)
      .option('lock-timeout', { type: 'string', describe: 'How long a statement may wait for a lock held by another session (default DB_MANAGE_LOCK_TIMEOUT or 5s)' })
      .positional('name', { type: 'string', describe: 'A schema the entities use' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/reset-schema')).resetSchema({ ...api, ...safetyFrom(args, out), schema: args.name, snapshot: args.snapshot, lockTimeout: args.lockTimeout });
    out.result(report);
    for (const sql of report.referenceActions) out.line(out.c.dim(`  as the foreign keys define: ${sql}`));
    for (const o of report.leftAlone) out.line(out.c.dim(`  left alone: ${o.schema}.${o.name} (${o.kind})`));
    out.success(`Schema ${report.schema} reset: ${loadApi().plural(report.tables.length, 'table')} recreated empty`);
  },
});
