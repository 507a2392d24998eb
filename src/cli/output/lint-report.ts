import type { LintReport, Violation } from '../../api';
import type { Colors } from './colors';
import { loadApi } from '../load-api';

const SQL_WIDTH = 160;

function shortSql(sql: string): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > SQL_WIDTH ? `${line.slice(0, SQL_WIDTH - 1)}…` : line;
}

function where(v: Violation): string {
  const { migration, statement, file, line } = v.location;
  const call = `${migration}, statement ${statement + 1}`;
  if (file) return `${file}${line !== undefined ? `:${line}` : ''} (${call})`;
  return call;
}

const plural = (n: number, word: string) => loadApi().plural(n, word);

/** The human form of a lint report, squawk-style: one block per violation, then a summary line. */
export function formatLintReport(report: LintReport, c: Colors): string[] {
  const lines: string[] = [];
  for (const v of report.violations) {
    const level = v.level === 'error' ? c.red('error') : c.yellow('warning');
    lines.push(`${level}${c.dim('[')}${c.bold(v.code)}${c.dim(']')} ${v.message}`);
    lines.push(`  ${c.cyan('-->')} ${where(v)}`);
    lines.push(`  ${c.dim('|')}  ${shortSql(v.sql)}`);
    lines.push(`  ${c.bold('help:')} ${v.help}`);
    if (v.fix !== undefined) lines.push(`  ${c.bold('fix:')} ${v.fix}`);
    lines.push(`  ${c.dim(`docs: docs/rules/${v.code}.md`)}`);
    lines.push('');
  }
  for (const u of report.unrecorded) {
    lines.push(`${c.red('error')} could not record ${u.migration} to the end: ${u.message}`);
    lines.push(`  ${c.dim('Only the statements before the failure were linted.')}`);
    lines.push('');
  }
  if (report.migrations.length === 0) {
    lines.push(report.source === 'pending' ? 'No pending migrations to lint.' : 'Nothing to lint.');
    return lines;
  }
  const counts = [
    report.errors > 0 ? c.red(plural(report.errors, 'error')) : '0 errors',
    report.warnings > 0 ? c.yellow(plural(report.warnings, 'warning')) : '0 warnings',
  ];
  if (report.ignored > 0) counts.push(c.dim(`${report.ignored} ignored`));
  const mark = report.ok ? c.green('✔') : c.red('✖');
  lines.push(`${mark} Linted ${plural(report.migrations.length, 'migration')} (${plural(report.statements, 'statement')}): ${counts.join(', ')}`);
  return lines;
}
