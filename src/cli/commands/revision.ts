import { defineCommand } from '../command';

export default defineCommand<{ message: string }>({
  name: 'revision',
  positionals: '<message>',
  describe: 'Write an empty migration to fill in by hand',
  options: (y) => y.positional('message', { type: 'string', describe: 'What the migration does' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/revision')).revision({ ...api, message: String(args.message ?? '') });
    out.result(report);
    out.success(`Wrote ${report.file}`);
  },
});
