import { defineCommand } from '../command';
import { loadApi } from '../load-api';
import { formatTable } from '../output/table';

export default defineCommand({
  name: 'history',
  describe: 'List every migration: applied (with its date) or pending; flags missing, edited and out-of-order ones',
  async run({ out, api }) {
    const report = await (await import('../../api/history')).history(api);
    out.result(report);
    if (out.json) return;
    const { c } = out;
    if (report.migrations.length === 0) {
      out.line(c.dim(`No migrations yet. Run ${loadApi().commandLine('migrate', '"<message>"')} to write one.`));
      return;
    }
    const rows = [[c.bold('state'), c.bold('applied at'), c.bold('migration'), '']];
    for (const m of report.migrations) {
      const state = m.state === 'applied' ? c.green('applied') : c.yellow('pending');
      const when = m.state === 'applied' ? (m.appliedAt ?? c.dim('unknown')) : '';
      const head = report.current?.name === m.name ? c.bold(' (head)') : '';
      const flags = m.flags.map((f) => (f === 'unverified' ? c.dim(f) : c.red(f))).join(' ');
      rows.push([state, when, `${m.name}${head}`, flags]);
    }
    for (const line of formatTable(rows)) out.line(line.trimEnd());
    for (const issue of report.issues) out.warn(issue.message);
  },
});
