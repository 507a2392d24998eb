import type { TransactionMode } from '../../api';
import { defineCommand } from '../command';
import { loadApi } from '../load-api';
import { printSqlBlocks } from '../output/sql-blocks';

interface UpgradeArgs {
  target?: string;
  transaction?: TransactionMode;
  sql: boolean;
  allowOutOfOrder: boolean;
  force: boolean;
}

export default defineCommand<UpgradeArgs>({
  name: 'upgrade',
  positionals: '[target]',
  describe: 'Apply pending migrations up to target: head (default), +N, or a migration name/timestamp/prefix',
  options: (y) =>
    y
      .positional('target', { type: 'string', describe: 'head, +N, or a migration' })
      .option('transaction', { choices: ['each', 'all', 'none'], describe: 'One transaction per migration (default), one for all, or none' })
      .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of running it' })
      .option('allow-out-of-order', { type: 'boolean', default: false, describe: 'Apply pending migrations older than the applied head' })
      .option('force', { type: 'boolean', default: false, describe: 'With NODE_ENV=production, apply even when lint reports errors' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/upgrade')).upgrade({
      ...api,
      // --sql owns stdout: no progress lines in the script.
      onProgress: args.sql ? undefined : api.onProgress,
      target: args.target,
      transaction: args.transaction,
      sql: args.sql,
      allowOutOfOrder: args.allowOutOfOrder,
      force: args.force,
    });
    out.result(report);
    if (out.json) return;
    if (report.sql) return printSqlBlocks(out, report.sql);
    for (const v of report.lint?.violations ?? []) out.warn(`[${v.code}] ${v.location.migration}: ${v.message}`);
    if (report.adopted.length > 0) out.line(out.c.dim(`Recorded checksums of ${loadApi().plural(report.adopted.length, 'migration')} applied without db-manage`));
    if (report.outOfOrder.length > 0) out.warn(`applied out of order: ${report.outOfOrder.join(', ')}`);
    const at = report.to?.name ?? 'base';
    if (report.applied.length === 0) out.success(`Nothing to apply: the database is at ${at}`);
    else out.success(`Upgraded ${report.from?.name ?? 'base'} → ${at} (${loadApi().plural(report.applied.length, 'migration')})`);
  },
});
