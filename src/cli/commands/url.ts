import { defineCommand } from '../command';

export default defineCommand<{ masked: boolean }>({
  name: 'url',
  describe: 'Print the connection URL (starts the embedded server if needed)',
  options: (y) => y.option('masked', { type: 'boolean', default: false, describe: 'Mask the password' }),
  async run({ args, out, api }) {
    const report = await (await import('../../api/url')).url({ ...api, masked: args.masked });
    if (out.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    // Printing the URL, password included, is this command's purpose: it bypasses redaction.
    process.stdout.write(`${report.url}\n`);
  },
});
