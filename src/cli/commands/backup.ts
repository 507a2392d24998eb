import { defineCommand } from '../command';
import { formatBytes } from '../output/bytes';

export default defineCommand<{ file?: string; overwrite: boolean }>({
  name: 'backup',
  positionals: '[file]',
  describe: 'Write a portable dump with pg_dump (needs pg_dump of the server version; snapshot needs none)',
  options: (y) =>
    y
      .positional('file', { type: 'string', describe: 'Output file; .sql writes plain SQL. Default backups/<db>-<time>.dump' })
      .option('overwrite', { type: 'boolean', default: false, describe: 'Replace an existing file' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/backup')).backup({ ...api, file: args.file, overwrite: args.overwrite });
    out.result(report);
    out.success(`Backup of ${report.database} written to ${report.file} (${formatBytes(report.sizeBytes)}, ${report.format} format, pg_dump ${report.tool.version})`);
    out.line(`Restore it with: ${report.restoreCommand}`);
  },
});
