import { defineCommand } from '../command';
import { safetyFrom, withSnapshotFirst, type SnapshotFirstArgs } from '../destructive';

export default defineCommand<SnapshotFirstArgs & { lockTimeout?: string; name: string; truncate: boolean }>({
  name: 'reset-table',
  positionals: '<name>',
  describe: 'Drop and recreate (or --truncate) one table the entities manage; destructive',
  options: (y) =>
    withSnapshotFirst(y)
      .option('lock-timeout', { type: 'string', describe: 'How long a statement may wait for a lock held by another session (default DB_MANAGE_LOCK_TIMEOUT or 5s)' })
      .positional('name', { type: 'string', describe: 'A managed table: name or schema.table' })
      .option('truncate', { type: 'boolean', default: false, describe: 'Empty it with TRUNCATE instead of drop and recreate' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/reset-table')).resetTable({ ...api, ...safetyFrom(args, out), table: args.name, truncate: args.truncate, snapshot: args.snapshot, lockTimeout: args.lockTimeout });
    out.result(report);
    for (const sql of report.referenceActions) out.line(out.c.dim(`  as the foreign keys define: ${sql}`));
    const { schema, table } = report.table;
    out.success(`Table ${schema}.${table} ${report.mode === 'truncate' ? 'truncated' : 'recreated empty'}`);
  },
});
