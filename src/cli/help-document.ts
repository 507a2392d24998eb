import type { Argv } from 'yargs';
import { COMMANDS } from './commands';

/** One option or positional as `help --json` lists it. */
export interface HelpOption {
  readonly name: string;
  readonly positional?: true;
  readonly type?: string;
  readonly alias?: string | readonly string[];
  readonly describe?: string;
  readonly default?: unknown;
  readonly choices?: readonly unknown[];
}

export interface HelpCommand {
  readonly name: string;
  readonly usage: string;
  readonly describe: string;
  readonly aliases: readonly string[];
  readonly options: readonly HelpOption[];
}

export interface HelpDocument {
  readonly usage: string;
  readonly globalOptions: readonly HelpOption[];
  readonly commands: readonly HelpCommand[];
}

/** The options every command accepts; main.ts declares them on the parser from this list. */
export const GLOBAL_OPTIONS: readonly (HelpOption & { readonly type: 'string' | 'boolean' })[] = [
  { name: 'datasource', alias: 'd', type: 'string', describe: 'Data source file' },
  { name: 'url', type: 'string', describe: 'Connect to this database for this command (overrides the data source and DATABASE_URL)' },
  { name: 'json', type: 'boolean', default: false, describe: 'Print one JSON document on stdout' },
  { name: 'yes', alias: 'y', type: 'boolean', default: false, describe: 'Answer yes to confirmations' },
  { name: 'color', type: 'boolean', describe: 'Colour the output (--no-color or NO_COLOR turns it off)' },
  { name: 'verbose', alias: 'v', type: 'boolean', default: false, describe: 'Print more detail' },
];

type Spec = { type?: string; alias?: string | string[]; describe?: string; default?: unknown; choices?: unknown[] };

const pick = (name: string, spec: Spec, positional: boolean): HelpOption => ({
  name,
  ...(positional ? { positional: true as const } : {}),
  ...(spec.type !== undefined ? { type: spec.type } : {}),
  ...(spec.alias !== undefined ? { alias: spec.alias } : {}),
  ...(spec.describe !== undefined ? { describe: spec.describe } : {}),
  ...(spec.default !== undefined ? { default: spec.default } : {}),
  ...(spec.choices !== undefined ? { choices: spec.choices } : {}),
});

/**
 * The options a command declares, read by handing its builder a stand-in for yargs that
 * writes down every `option` and `positional` call: the registry stays the one source.
 */
function declaredOptions(build: ((y: Argv) => Argv) | undefined): HelpOption[] {
  const found: HelpOption[] = [];
  const recorder: Argv = new Proxy({} as Argv, {
    get: (_target, method) => (name: unknown, spec: Spec = {}) => {
      if (method === 'option' || method === 'positional') found.push(pick(String(name), spec ?? {}, method === 'positional'));
      return recorder;
    },
  });
  build?.(recorder);
  return found;
}

export function helpDocument(): HelpDocument {
  return {
    usage: 'npx db-manage <command> [options]',
    globalOptions: GLOBAL_OPTIONS.map((o) => ({ ...o })),
    commands: COMMANDS.map((c) => ({
      name: c.name,
      usage: c.positionals ? `${c.name} ${c.positionals}` : c.name,
      describe: c.describe,
      aliases: [...(c.aliases ?? [])],
      options: declaredOptions(c.options),
    })),
  };
}
