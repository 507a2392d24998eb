import { defineCommand } from '../command';
import { safetyFrom, withSnapshotFirst, type SnapshotFirstArgs } from '../destructive';
import { loadApi } from '../load-api';

export default defineCommand<SnapshotFirstArgs & { name?: string }>({
  name: 'restore',
  positionals: '[name]',
  describe: 'Replace the database with a snapshot (the newest by default); destructive',
  options: (y) => withSnapshotFirst(y).positional('name', { type: 'string', describe: 'Snapshot name (the snapshots command lists them)' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/restore')).restore({ ...api, ...safetyFrom(args, out), name: args.name, snapshot: args.snapshot });
    out.result(report);
    out.success(`Database ${report.database} restored from snapshot ${out.c.bold(report.restored.name)}`);
    if (report.terminatedSessions > 0) out.warn(`ended ${loadApi().plural(report.terminatedSessions, 'other session')} on ${report.database}`);
    if (report.leftover) out.warn(`the replaced database is still there as ${report.leftover}; drop it when convenient`);
  },
});
