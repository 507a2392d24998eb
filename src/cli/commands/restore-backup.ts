import { defineCommand } from '../command';
import { safetyFrom, withSnapshotFirst, type SnapshotFirstArgs } from '../destructive';
import { loadApi } from '../load-api';

export default defineCommand<SnapshotFirstArgs & { file: string }>({
  name: 'restore-backup',
  positionals: '<file>',
  describe: 'Replace the database with a backup file (pg_restore or psql of the server version); destructive',
  options: (y) => withSnapshotFirst(y).positional('file', { type: 'string', describe: 'A file written by the backup command, or a plain SQL dump' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/restore-backup')).restoreBackup({ ...api, ...safetyFrom(args, out), file: args.file, snapshot: args.snapshot });
    out.result(report);
    out.success(`Database ${report.database} restored from ${args.file} (${report.tool.path} ${report.tool.version})`);
    if (report.terminatedSessions > 0) out.warn(`ended ${loadApi().plural(report.terminatedSessions, 'other session')} on ${report.database}`);
    if (report.leftover) out.warn(`the replaced database is still there as ${report.leftover}; drop it when convenient`);
  },
});
