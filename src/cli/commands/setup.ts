import { relative } from 'node:path';
import { loadApi } from '../load-api';
import { defineCommand } from '../command';

export default defineCommand({
  name: 'setup',
  describe: 'Initialise if needed, generate the initial migration if the entities need one, and upgrade',
  async run({ out, api }) {
    const report = await (await import('../../api/setup')).setup(api);
    out.result(report);
    if (out.json) return;
    for (const entry of report.init.entries.filter((e) => e.action !== 'exists')) out.line(`${out.c.green(entry.action)}  ${entry.path}`);
    const appliedBefore = report.caughtUp.applied.length;
    if (appliedBefore > 0) out.success(`Applied ${loadApi().plural(appliedBefore, 'pending migration')}`);
    if (report.migration.file) {
      out.success(`Generated ${relative(api.cwd ?? process.cwd(), report.migration.file)} (${report.migration.operations.length} operations)`);
      out.success(`Applied ${report.migration.className}`);
    } else {
      out.success(`The entities match the database (${report.migration.entities.count} entities)`);
    }
    const head = report.applied?.to ?? report.caughtUp.to;
    out.line(`Database is at ${head ? out.c.bold(head.name) : 'base (no migrations)'}. Next: npm run db:seed, or npm run db:status`);
  },
});
