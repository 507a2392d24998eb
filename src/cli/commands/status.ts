import { loadApi } from '../load-api';
import { defineCommand } from '../command';
import { formatTable } from '../output/table';

export default defineCommand<{ quick: boolean }>({
  name: 'status',
  describe: 'Show the connection, server, tables with row counts, and migration state',
  options: (y) => y.option('quick', { type: 'boolean', default: false, describe: 'Only the connection and the current revision' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/status')).status({ ...api, quick: args.quick });
    out.result(report);
    if (out.json) return;
    const { c } = out;
    const { commandLine, plural } = loadApi();
    const { connection } = report;
    out.line(`${c.bold('Connection')}  ${connection.url}`);
    out.line(`${c.bold('Server')}      PostgreSQL ${connection.serverVersion} (${connection.kind})`);
    out.line(`${c.bold('Chosen by')}   ${connection.source}: ${connection.reason}`);
    const revision = report.current ? `${report.current.name} ${c.dim(`(${report.current.message})`)}` : c.dim('none (no migrations applied)');
    out.line(`${c.bold('Revision')}    ${revision}`);
    if (!report.migrations || !report.tables) return;
    const { applied, pending, pendingNames } = report.migrations;
    out.line(`${c.bold('Migrations')}  ${applied} applied, ${pending > 0 ? c.yellow(`${pending} pending`) : '0 pending'}`);
    for (const name of pendingNames) out.line(`  ${c.yellow('pending')}  ${name}`);
    for (const issue of report.issues ?? []) out.warn(issue.message);
    if (report.drift === null) out.line(`${c.bold('Entities')}    ${c.dim('none loaded')}`);
    else if (report.drift && report.drift.length === 0) out.line(`${c.bold('Entities')}    match the database`);
    else if (report.drift) {
      out.line(`${c.bold('Entities')}    ${c.yellow(`drift: ${plural(report.drift.length, 'change')} not in a migration`)} ${c.dim(`(${commandLine('migrate', '"…"')})`)}`);
      for (const op of report.drift.slice(0, out.verbose ? undefined : 5)) out.line(`  ${op.description}`);
      if (!out.verbose && report.drift.length > 5) out.line(c.dim(`  … ${report.drift.length - 5} more (--verbose)`));
    }
    if (report.snapshots && report.snapshots.length > 0) {
      out.line(`${c.bold('Snapshots')}   ${report.snapshots.map((s) => s.name).join(', ')}`);
    }
    out.line();
    if (report.tables.length === 0) {
      out.line(c.dim(`No tables yet. Run ${commandLine('setup')} to create them.`));
      return;
    }
    const rows = [[c.bold('schema'), c.bold('table'), c.bold('rows')], ...report.tables.map((t) => [t.schema, t.table, String(t.rows)])];
    for (const line of formatTable(rows, [2])) out.line(line);
  },
});
