import { readFileSync } from 'node:fs';

type Env = Readonly<Record<string, string | undefined>>;

/** A script that runs exactly `db-manage <command>`, e.g. "node bin/db-manage.js upgrade". */
const runsCommand = (script: string, command: string) =>
  new RegExp(`(^|[\\s/])db-manage(\\.js)?\\s+${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`).test(script);

const scriptsCache = new Map<string, Record<string, string>>();

function packageScripts(file: string): Record<string, string> {
  let scripts = scriptsCache.get(file);
  if (!scripts) {
    try {
      scripts = (JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
    } catch {
      scripts = {};
    }
    scriptsCache.set(file, scripts);
  }
  return scripts;
}

/**
 * The npm script of the project that runs `db-manage <command>`, when this process was
 * itself started by such a script (`npm run db:downgrade`); otherwise undefined.
 */
export function npmScriptFor(command: string, env: Env = process.env): string | undefined {
  const running = env.npm_lifecycle_script ?? '';
  if (!env.npm_package_json || !/(^|[\s/])db-manage(\.js)?(\s|$)/.test(running)) return undefined;
  const scripts = packageScripts(env.npm_package_json);
  return Object.keys(scripts).find((name) => runsCommand(scripts[name], command));
}

/**
 * A command line the user can paste, for hints: `npm run db:upgrade -- args` when the user
 * runs db-manage through the project's npm scripts, else `npx db-manage upgrade args`.
 * A bare `db-manage upgrade` is not on PATH, so no message may name it that way.
 */
export function commandLine(command: string, args = '', env: Env = process.env): string {
  const script = npmScriptFor(command, env);
  if (script) return `npm run ${script}${args ? ` -- ${args}` : ''}`;
  return `npx db-manage ${command}${args ? ` ${args}` : ''}`;
}

/** One argument as a POSIX shell reads it back: bare when safe, else single-quoted. */
export function shellWord(arg: string): string {
  return /^[\w./@:+,=-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
