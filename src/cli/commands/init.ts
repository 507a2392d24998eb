import { defineCommand } from '../command';

export default defineCommand({
  name: 'init',
  describe: 'Scaffold a data source, a migrations folder and .env.example (never overwrites)',
  async run({ out, api }) {
    const report = await (await import('../../api/init')).init(api);
    out.result(report);
    for (const entry of report.entries) {
      const mark = entry.action === 'exists' ? out.c.dim('exists ') : out.c.green(entry.action.padEnd(7));
      out.line(`${mark}  ${entry.path}`);
    }
    out.line(report.changed ? 'Project initialised.' : 'Nothing to do: the project is already initialised.');
  },
});
