import type { TransactionMode } from '../../api';
import { defineCommand } from '../command';
import { loadApi } from '../load-api';
import { printSqlBlocks } from '../output/sql-blocks';
import { safetyFrom, withSnapshotFirst, type SnapshotFirstArgs } from '../destructive';

interface DowngradeArgs extends SnapshotFirstArgs {
  target?: string;
  steps?: number;
  transaction?: TransactionMode;
  sql: boolean;
}

export default defineCommand<DowngradeArgs>({
  name: 'downgrade',
  positionals: '[target]',
  describe: 'Revert migrations: one (default), -N, back to a migration (it stays applied), or base',
  options: (y) =>
    withSnapshotFirst(y)
      .positional('target', { type: 'string', describe: '-N, a migration, or base' })
      .option('steps', { type: 'number', describe: 'Revert this many migrations' })
      .option('transaction', { choices: ['each', 'all', 'none'], describe: 'One transaction per migration (default), one for all, or none' })
      .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of running it' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/downgrade')).downgrade({
      ...api,
      ...safetyFrom(args, out),
      snapshot: args.snapshot,
      onProgress: args.sql ? undefined : api.onProgress,
      target: args.target,
      steps: args.steps,
      transaction: args.transaction,
      sql: args.sql,
    });
    out.result(report);
    if (out.json) return;
    if (report.sql) return printSqlBlocks(out, report.sql);
    const at = report.to?.name ?? 'base';
    const { plural } = loadApi();
    if (report.reverted.length === 0) return out.success(`Nothing to revert: the database is at ${at}`);
    out.success(`Downgraded ${report.from?.name ?? 'base'} → ${at} (${plural(report.reverted.length, 'migration')})`);
    for (const t of report.dropped.tables) out.line(`Dropped table ${t.schema}.${t.table} (${t.rows === 0 ? 'empty' : plural(t.rows, 'row')})`);
    for (const c of report.dropped.columns) out.line(`Dropped column ${c.schema}.${c.table}.${c.column} (${c.values === 0 ? 'no values' : plural(c.values, 'value')})`);
  },
});
