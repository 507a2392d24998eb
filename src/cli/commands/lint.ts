import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand } from '../command';
import { loadApi } from '../load-api';
import { formatLintReport } from '../output/lint-report';

/** A target that names a file (by extension or because it exists) is linted as a file. */
function looksLikeFile(target: string, cwd: string): boolean {
  return /\.(c|m)?(ts|js)$|\.sql$/i.test(target) || existsSync(resolve(cwd, target));
}

export default defineCommand<{ target?: string; rules: boolean }>({
  name: 'lint',
  describe: 'Check pending migrations, or a migration file, for statements that lock or break a busy database',
  positionals: '[target]',
  options: (y) =>
    y
      .positional('target', { type: 'string', describe: 'Lint pending migrations up to this revision, or this file (.ts, .js, .sql)' })
      .option('rules', { type: 'boolean', default: false, describe: 'List the rules and exit' }),
  async run({ args, out, api }) {
    const cli = await import('../../api/lint');
    if (args.rules) {
      const rules = cli.lintRules();
      out.result({ rules });
      for (const r of rules) out.line(`${(r.level === 'error' ? out.c.red : out.c.yellow)(r.level.padEnd(7))} ${out.c.bold(r.code.padEnd(36))} ${r.summary}`);
      return;
    }
    const cwd = api.cwd ?? process.cwd();
    const target = args.target;
    const report = await cli.lint(target !== undefined && looksLikeFile(target, cwd) ? { ...api, file: target } : { ...api, target });
    out.result(report);
    if (!out.json) for (const line of formatLintReport(report, out.c)) out.line(line);
    return report.ok ? 0 : 1;
  },
});
