import { defineCommand } from '../command';
import { withForce, type DestructiveArgs } from '../destructive';
import { loadApi } from '../load-api';
import { formatBytes } from '../output/bytes';

export default defineCommand<DestructiveArgs & { name?: string }>({
  name: 'snapshot',
  positionals: '[name]',
  describe: 'Copy the database into an instant snapshot on the same server (no client tools needed)',
  options: (y) => withForce(y).positional('name', { type: 'string', describe: 'Snapshot name; defaults to snap-<time>' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/snapshot')).snapshot({ ...api, name: args.name, force: args.force });
    out.result(report);
    const { snapshot } = report;
    out.success(`Snapshot ${out.c.bold(snapshot.name)} of ${report.database} taken (${formatBytes(snapshot.sizeBytes)})`);
    if (report.terminatedSessions > 0) out.warn(`ended ${loadApi().plural(report.terminatedSessions, 'other session')} on ${report.database} to copy it`);
    out.line(`Restore it with: ${report.restoreCommand}`);
  },
});
