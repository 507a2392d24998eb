import type { LoadedEntities, OperationSummary } from '../../api';
import { defineCommand } from '../command';
import { loadApi } from '../load-api';
import type { Output } from '../output/output';
import { migrateQuestions } from '../prompt/migrate-questions';

/** The operations, one per line, data loss marked. Shared with `check`. */
export function printOperations(out: Output, operations: readonly OperationSummary[]): void {
  for (const op of operations) out.line(`  ${op.destructive ? out.c.yellow('!') : '+'} ${op.description}${op.destructive ? out.c.yellow(` (${op.destructive})`) : ''}`);
}

export function printEntities(out: Output, entities: LoadedEntities): void {
  out.line(out.c.dim(`Loaded ${loadApi().plural(entities.count, 'entity', 'entities')}${out.verbose ? `: ${entities.names.join(', ')}` : ''}`));
}

interface MigrateArgs {
  message: string;
  sql: boolean;
  rename?: string[];
  allowDataLoss: boolean;
  lockTimeout?: string;
}

export default defineCommand<MigrateArgs>({
  name: 'migrate',
  positionals: '<message>',
  describe: 'Write a migration for the difference between the entities and the database',
  options: (y) =>
    y
      .positional('message', { type: 'string', describe: 'What the migration does, e.g. "Add phone"' })
      .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of writing a file' })
      .option('rename', { type: 'string', array: true, describe: 'A rename, not a drop and an add: table.old:new (column) or old_table:new_table; repeatable' })
      .option('allow-data-loss', { type: 'boolean', default: false, describe: 'Write a migration that drops or narrows data without asking' })
      .option('lock-timeout', { type: 'string', describe: 'lock_timeout the migration sets (default DB_MANAGE_LOCK_TIMEOUT or 5s)' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/migrate')).migrate({
      ...api,
      message: String(args.message ?? ''),
      sql: args.sql,
      renames: (args.rename ?? []).map(String),
      allowDataLoss: args.allowDataLoss,
      lockTimeout: args.lockTimeout,
      ...migrateQuestions(out, Boolean(process.stdin.isTTY) && !args.yes),
    });
    out.result(report);
    if (out.json) return;
    for (const w of report.warnings) out.warn(w);
    if (!report.changed) {
      out.success('No changes detected');
      printEntities(out, report.entities);
      return;
    }
    if (report.sql) {
      out.line('-- up');
      for (const s of report.sql.up) out.line(`${s};`);
      out.line('\n-- down');
      for (const s of report.sql.down) out.line(`${s};`);
      return;
    }
    for (const m of report.migrations) {
      out.success(`Wrote ${m.file}${m.transaction ? '' : out.c.dim(' (transaction = false: indexes built CONCURRENTLY)')}`);
      printOperations(out, m.operations);
    }
    for (const v of report.lint) out.warn(`[${v.code}] ${v.message}`);
    if (out.verbose) printEntities(out, report.entities);
    const { commandLine } = loadApi();
    const count = report.migrations.length;
    // A plain downgrade reverts one: say how to revert what this one command wrote.
    const revert = `${commandLine('downgrade', `-${count}`)} reverts ${count === 2 ? 'both' : `all ${count}`}`;
    out.line(out.c.dim(count === 1 ? `Review it, then run ${commandLine('upgrade')}` : `Review them, then run ${commandLine('upgrade')}; ${revert}`));
  },
});
