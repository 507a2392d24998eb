import { defineCommand } from '../command';

export default defineCommand({
  name: 'stop',
  describe: 'Stop the embedded PostgreSQL server (its data is kept)',
  async run({ out, api }) {
    const report = await (await import('../../api/server')).stopServer(api);
    out.result(report);
    out.success(report.changed ? 'Embedded PostgreSQL stopped' : 'Embedded PostgreSQL was not running');
  },
});
