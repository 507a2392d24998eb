import { defineCommand } from '../command';
import { formatTable } from '../output/table';

export default defineCommand<{ users?: number; seeds?: string; only?: string[] }>({
  name: 'seed',
  describe: 'Fill the database with sample data (idempotent); --users N adds N realistic users',
  options: (y) =>
    y
      .option('users', { type: 'number', describe: 'Also create this many realistic users (volume testing)' })
      .option('seeds', { type: 'string', describe: 'Seed registry file', defaultDescription: 'src/seeds/index.ts' })
      .option('only', { type: 'string', array: true, describe: 'Run only these seeds' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/seed')).seedDatabase({ ...api, users: args.users, seeds: args.seeds, only: args.only });
    out.result(report);
    const { c } = out;
    const width = Math.max(...report.seeds.map((s) => s.name.length));
    for (const s of report.seeds) {
      const name = s.name.padEnd(width);
      if (s.skipped) {
        out.line(`${name}  ${c.dim(`skipped: ${s.skipped}`)}`);
        continue;
      }
      const created = `${s.created}${s.unit ? ` ${s.unit}` : ''} created`;
      out.line(`${name}  ${s.created > 0 ? c.green(created) : created}, ${s.existing} already existed`);
    }
    out.success(`Seeded ${report.database}: ${report.created} created, ${report.existing} already existed`);
    if (report.credentials.length === 0) return;
    out.line();
    out.line(c.bold('Sample logins (not shown in production):'));
    const rows = [[c.bold('username'), c.bold('email'), c.bold('password'), c.bold('role')], ...report.credentials.map((u) => [u.username, u.email, u.password, u.role ?? ''])];
    for (const line of formatTable(rows)) out.line(`  ${line}`);
  },
});
