import { defineCommand } from '../command';
import { printSqlBlocks } from '../output/sql-blocks';

export default defineCommand<{ target: string; sql: boolean }>({
  name: 'stamp',
  positionals: '<target>',
  describe: 'Record the history as applied up to target (a migration, head or base) without running anything; accepts edited files',
  options: (y) =>
    y
      .positional('target', { type: 'string', describe: 'head, base, or a migration' })
      .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of running it' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/stamp')).stamp({ ...api, onProgress: args.sql ? undefined : api.onProgress, target: args.target, sql: args.sql });
    out.result(report);
    if (out.json) return;
    if (report.sql) return printSqlBlocks(out, report.sql);
    const { c } = out;
    for (const name of report.recorded) out.line(`  ${c.green('recorded')}   ${name}`);
    for (const name of report.removed) out.line(`  ${c.yellow('removed')}    ${name}`);
    for (const name of report.refreshed) out.line(`  ${c.cyan('rechecked')}  ${name}`);
    const changes = report.recorded.length + report.removed.length + report.refreshed.length;
    out.success(changes === 0 ? `History already at ${report.to?.name ?? 'base'}; nothing changed` : `Stamped ${report.to?.name ?? 'base'} (nothing was run)`);
  },
});
