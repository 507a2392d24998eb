import type { Argv } from 'yargs';
import type { DbManageError } from '../api';
import type { CommandContext, GlobalArgs } from './command';
import { COMMANDS } from './commands';
import { escapeOperands } from './escape-operands';
import { loadApi } from './load-api';
import { statusAfterLostOutput, watchOutputStreams } from './output/lost-output';
import { Output } from './output/output';
import { GLOBAL_OPTIONS, helpDocument } from './help-document';
import { loadPgStreamWithoutFetch, tuneForShortProcess } from './short-process';

const USAGE_EXIT = 2;
const INTERNAL_EXIT = 70;

function finish(code: number): void {
  process.exitCode = code;
  // Let stdout drain; exit anyway if some handle would keep us alive.
  setTimeout(() => process.exit(code), 3000).unref();
}

/** yargs may report several problems with one command line; the user gets one line. */
const usageProblems: string[] = [];

function usageError(message: string): void {
  usageProblems.push(message);
}

function reportUsage(wantsJson: boolean): void {
  // Multi-line messages ("Invalid values:\n  Argument: …, Given: …, Choices: …") keep every line.
  const problems = usageProblems.map((m) => m.replace(/\s*\n\s*/g, ' ').trim());
  const suggestion = problems.find((m) => m.startsWith('Did you mean'));
  // "Missing required argument: target" says more than "Not enough non-option arguments".
  const best =
    problems.find((m) => m.startsWith('Missing required argument')) ?? problems.find((m) => m.startsWith('Unknown argument')) ?? problems.find((m) => m !== suggestion) ?? problems[0];
  const sentence = (m: string) => (/[.?!]$/.test(m) ? m : `${m}.`);
  const line = `${[best, ...(suggestion && suggestion !== best ? [suggestion] : [])].map(sentence).join(' ')} Run ${loadApi().commandLine('help')} to see the commands and options`;
  if (wantsJson) process.stdout.write(`${JSON.stringify({ error: { code: 'usage', message: line } }, null, 2)}\n`);
  process.stderr.write(`error: ${line}\n`);
  finish(USAGE_EXIT);
}

/** `npm run db:reset --yes` (no `--`): npm keeps the flag and sets npm_config_yes instead. */
function swallowedYes(args: GlobalArgs & Record<string, unknown>): boolean {
  return !args.yes && process.env.npm_config_yes === 'true';
}

function reportError(err: unknown, out: Output, args: GlobalArgs & Record<string, unknown>): number {
  const api = loadApi();
  // A file-system error, a dropped connection, a server out of resources: typed, never "internal".
  err = api.typedError(err) ?? err;
  if (api.isDbManageError(err)) {
    const e = err as DbManageError;
    let oneLine = e.oneLine;
    let hint = e.hint;
    if (e.code === 'confirmation-required' && swallowedYes(args)) {
      const command = String((args._ as readonly unknown[] | undefined)?.[0] ?? '');
      hint = `npm kept --yes for itself; put it after --: ${api.commandLine(command, '--yes')}. Nothing was changed`;
      oneLine = `${e.message}. ${hint}`;
    }
    out.result({ error: { code: e.code, message: e.message, hint, details: e.details } });
    out.error(oneLine);
    if (out.verbose && e.cause instanceof Error) out.line(out.c.dim(String(e.cause.stack)));
    return api.exitStatusFor(e.code);
  }
  const message = err instanceof Error ? err.message : String(err);
  out.result({ error: { code: 'internal', message } });
  out.error(`internal error: ${message.split('\n')[0]}. Run again with --verbose for details, and report it if it persists`);
  if (out.verbose && err instanceof Error) out.line(out.c.dim(String(err.stack)));
  return INTERNAL_EXIT;
}

async function runCommand(
  run: (ctx: CommandContext<Record<string, unknown>>) => Promise<number | void>,
  args: GlobalArgs & Record<string, unknown>,
): Promise<void> {
  const out = new Output({ json: args.json, color: args.color, verbose: args.verbose });
  let code = 0;
  const onInterrupt = () => {
    out.close();
    const api = loadApi();
    const message = 'interrupted';
    const hint = `PostgreSQL rolls back the open transaction; a migration run with --transaction none may be partly applied. Run ${api.commandLine('status')} to see where the database is`;
    out.result({ error: { code: 'interrupted', message, hint, details: {} } });
    out.error(`${message}. ${hint}`);
    process.exit(api.exitStatusFor('interrupted'));
  };
  process.once('SIGINT', onInterrupt);
  try {
    const api = loadApi();
    const cwd = process.cwd();
    for (const secret of api.connectionSecrets({ cwd, url: args.url })) out.addSecret(secret);
    const result = await run({ args, out, api: { cwd, datasource: args.datasource, url: args.url, onProgress: (e) => out.progress(e) } });
    code = typeof result === 'number' ? result : 0;
  } catch (err) {
    code = reportError(err, out, args);
  } finally {
    out.close();
    process.removeListener('SIGINT', onInterrupt);
  }
  // A failed write to stdout is reported on the next tick: let it arrive first.
  await new Promise((resolve) => setImmediate(resolve));
  finish(statusAfterLostOutput(code, loadApi().exitStatusFor('io-failed')));
}

type Selected = { run: (ctx: CommandContext<Record<string, unknown>>) => Promise<number | void>; args: GlobalArgs & Record<string, unknown> };

/** yargs validates after it calls a handler, so handlers only record the choice. */
export function buildParser(argv: readonly string[], select: (s: Selected) => void): Argv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yargs = require('yargs') as (args: readonly string[]) => Argv;
  // Usage lines name a command the user can run: db-manage itself is not on PATH.
  let parser = yargs(argv).scriptName('npx db-manage');
  for (const o of GLOBAL_OPTIONS) {
    const defaultDescription = o.name === 'datasource' ? 'package.json "db-manage.dataSource", ormconfig.ts, src/data-source.ts, …' : undefined;
    parser = parser.option(o.name, { type: o.type, alias: o.alias as string | undefined, describe: o.describe, default: o.default, defaultDescription });
  }
  parser = parser
    .usage('$0 <command> [options]\n\nTypeORM entities as the single source of truth for PostgreSQL.')
    .command('help', 'List the commands (--json: as a JSON document)', {}, () => {
      parser.showHelp('log');
    })
    .strict()
    .demandCommand(1, 'Name a command')
    .recommendCommands()
    .help('help')
    .alias('help', 'h')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue('Exit statuses are listed in the README. Docs: README.md')
    .fail((msg, err) => {
      if (err) throw err;
      usageError(msg || 'invalid arguments');
    });
  for (const command of COMMANDS) {
    const spec = command.positionals ? `${command.name} ${command.positionals}` : command.name;
    parser = parser.command(
      [spec, ...(command.aliases ?? [])],
      command.describe,
      (y) => (command.options ? command.options(y) : y),
      (args) => select({ run: command.run as Selected['run'], args: args as never }),
    );
  }
  return parser;
}

/** Node prints a library's warning (pg's notice about sslmode) over ten lines; one is enough. */
function oneLineWarnings(): void {
  process.removeAllListeners('warning');
  process.on('warning', (w: Error) => {
    process.stderr.write(`warning: ${loadApi().maskUrl(String(w.message).split('\n')[0])}\n`);
  });
}

/**
 * `--targets -` means standard input, as in most tools; yargs would read the lone `-` as an
 * argument of its own, so it is joined to its option (`--targets=-`). Operands after `--` stay.
 */
function dashValues(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  const out: string[] = [];
  argv.forEach((arg, i) => {
    const previous = out[out.length - 1];
    if (arg === '-' && (end < 0 || i < end) && previous?.startsWith('--') && !previous.includes('=') && previous !== '--') out[out.length - 1] = `${previous}=-`;
    else out.push(arg);
  });
  return out;
}

export async function main(argv: readonly string[]): Promise<void> {
  tuneForShortProcess();
  loadPgStreamWithoutFetch();
  watchOutputStreams();
  oneLineWarnings();
  // yargs answers `help` itself, as text; a script asking for JSON gets the registry.
  const words = argv.filter((a) => !a.startsWith('-'));
  if (argv.includes('--json') && (words[0] === 'help' || (words.length === 0 && (argv.includes('--help') || argv.includes('-h'))))) {
    process.stdout.write(`${JSON.stringify(helpDocument(), null, 2)}\n`);
    return;
  }
  let selected: Selected | null = null;
  const escaped = escapeOperands(dashValues(argv));
  await buildParser(escaped.argv, (s) => (selected = s)).parseAsync();
  if (usageProblems.length > 0) return reportUsage(argv.includes('--json'));
  const chosen = selected as Selected | null;
  if (chosen) await runCommand(chosen.run, escaped.restore(chosen.args));
}
