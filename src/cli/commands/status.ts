import { loadApi } from '../load-api';
import { defineCommand } from '../command';
import { formatTable } from '../output/table';

export default defineCommand<{ quick: boolean }>({
  name: 'status',
  describe: 'Show the connection, server, tables with row counts, and migration state',
  options: (y) => y.option('quick', { type: 'boolean', default: false, describe: 'Only the connection and the current revision' }),
  async run({ args, out, api }) {
    const report = await loadApi().status({ ...api, quick: args.quick });
    out.result(report);
    if (out.json) return;
    const { c } = out;
    const { connection } = report;
    out.line(`${c.bold('Connection')}  ${connection.url}`);
    out.line(`${c.bold('Server')}      PostgreSQL ${connection.serverVersion} (${connection.kind})`);
    out.line(`${c.bold('Revision')}    ${report.current ? report.current.name : c.dim('none (no migrations applied)')}`);
    if (!report.migrations || !report.tables) return;
    const { applied, pending, pendingNames } = report.migrations;
    out.line(`${c.bold('Migrations')}  ${applied} applied, ${pending > 0 ? c.yellow(`${pending} pending`) : '0 pending'}`);
    for (const name of pendingNames) out.line(`  ${c.yellow('pending')}  ${name}`);
    for (const issue of report.issues ?? []) out.warn(issue.message);
    out.line();
    if (report.tables.length === 0) {
      out.line(c.dim('No tables yet. Run db-manage setup to create them.'));
      return;
    }
    const rows = [[c.bold('schema'), c.bold('table'), c.bold('rows')], ...report.tables.map((t) => [t.schema, t.table, String(t.rows)])];
    for (const line of formatTable(rows, [2])) out.line(line);
  },
});
