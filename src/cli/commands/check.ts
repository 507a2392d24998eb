import { defineCommand } from '../command';
import { loadApi } from '../load-api';
import { printEntities, printOperations } from './migrate';

export default defineCommand({
  name: 'check',
  describe: 'Exit 0 when the database matches the entities and no migration is pending, else 1 (for CI)',
  async run({ out, api }) {
    const report = await (await import('../../api/check')).check(api);
    out.result(report);
    if (!out.json) for (const w of report.warnings) out.warn(w);
    if (report.clean) {
      out.success('The database matches the entities; no migration is pending');
      if (out.verbose) printEntities(out, report.entities);
      return 0;
    }
    const { commandLine, plural } = loadApi();
    if (report.pending.length > 0) {
      out.error(`${plural(report.pending.length, 'migration')} pending: ${report.pending.join(', ')}. Run ${commandLine('upgrade')}`);
    }
    if (report.operations.length > 0) {
      out.error(`the database differs from the entities (${plural(report.operations.length, 'operation')}). Run ${commandLine('migrate', '"<message>"')}`);
      printOperations(out, report.operations);
    }
    return 1;
  },
});
