import { defineCommand } from '../command';
import { loadApi } from '../load-api';
import { formatBytes } from '../output/bytes';
import { formatTable } from '../output/table';

export default defineCommand<{ drop?: string }>({
  name: 'snapshots',
  describe: 'List the snapshots of the database, newest first',
  options: (y) => y.option('drop', { type: 'string', describe: 'Remove the named snapshot' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/snapshots')).snapshots({ ...api, drop: args.drop });
    out.result(report);
    const { c } = out;
    if (report.dropped) out.success(`Snapshot ${report.dropped.name} removed`);
    if (report.snapshots.length === 0) {
      out.line(c.dim(`No snapshots of ${report.database}. Take one with ${loadApi().commandLine('snapshot')}.`));
      return;
    }
    const rows = [
      [c.bold('name'), c.bold('created'), c.bold('size')],
      ...report.snapshots.map((s) => [s.name, s.createdAt ? s.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : c.dim('unknown'), formatBytes(s.sizeBytes)]),
    ];
    for (const line of formatTable(rows, [2])) out.line(line);
  },
});
