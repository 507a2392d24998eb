import { defineCommand } from '../command';

export default defineCommand({
  name: 'start',
  describe: 'Start the embedded PostgreSQL server (commands start it on demand too)',
  async run({ out, api }) {
    const report = await (await import('../../api/server')).startServer(api);
    out.result(report);
    out.success(report.changed ? `Embedded PostgreSQL started on port ${report.port}` : `Embedded PostgreSQL already running on port ${report.port}`);
  },
});
