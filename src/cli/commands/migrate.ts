import type { LoadedEntities, OperationSummary } from '../../api';
import { defineCommand } from '../command';
import { loadApi } from '../load-api';
import type { Output } from '../output/output';

/** The operations, one per line, data loss marked. Shared with `check`. */
export function printOperations(out: Output, operations: readonly OperationSummary[]): void {
  for (const op of operations) out.line(`  ${op.destructive ? out.c.yellow('!') : '+'} ${op.description}${op.destructive ? out.c.yellow(` (${op.destructive})`) : ''}`);
}

export function printEntities(out: Output, entities: LoadedEntities): void {
  out.line(out.c.dim(`Loaded ${entities.count} entit${entities.count === 1 ? 'y' : 'ies'}${out.verbose ? `: ${entities.names.join(', ')}` : ''}`));
}

export default defineCommand<{ message: string; sql: boolean }>({
  name: 'migrate',
  positionals: '<message>',
  describe: 'Write a migration for the difference between the entities and the database',
  options: (y) =>
    y
      .positional('message', { type: 'string', describe: 'What the migration does, e.g. "Add phone"' })
      .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of writing a file' }),
  async run({ args, out, api }) {
    const report = await loadApi().migrate({ ...api, message: String(args.message ?? ''), sql: args.sql });
    out.result(report);
    if (out.json) return;
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
    out.success(`Wrote ${report.file}`);
    printOperations(out, report.operations);
    if (out.verbose) printEntities(out, report.entities);
    out.line(out.c.dim('Review it, then run db-manage upgrade'));
  },
});
