import { defineCommand } from '../command';

export default defineCommand({
  name: 'current',
  describe: 'Print the applied head migration',
  async run({ out, api }) {
    const report = await (await import('../../api/current')).current(api);
    out.result(report);
    if (out.json) return;
    const { c } = out;
    const head = report.current;
    const when = head?.appliedAt ? c.dim(` (applied ${head.appliedAt})`) : '';
    out.line(head ? `${head.name}${when}` : c.dim('base (no migrations applied)'));
    if (report.pending > 0) out.line(c.yellow(`${report.pending} pending`));
    for (const issue of report.issues) out.warn(issue.message);
  },
});
