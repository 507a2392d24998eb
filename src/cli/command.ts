import type { Argv } from 'yargs';
import type { ApiOptions } from '../api';
import type { Output } from './output/output';

/** Options every command accepts. */
export interface GlobalArgs {
  readonly datasource?: string;
  readonly url?: string;
  readonly json: boolean;
  readonly yes: boolean;
  readonly color?: boolean;
  readonly verbose: boolean;
}

export interface CommandContext<A> {
  readonly args: A & GlobalArgs;
  readonly out: Output;
  /** Ready-made options for the API call, progress wired to the output. */
  readonly api: ApiOptions;
}

/** One CLI verb: parse its arguments, call one API function, print its typed result. */
export interface Command<A = Record<string, unknown>> {
  readonly name: string;
  readonly describe: string;
  /** Positional arguments, in yargs syntax, e.g. "<message>" or "[target]". */
  readonly positionals?: string;
  readonly aliases?: readonly string[];
  readonly options?: (y: Argv) => Argv;
  /** Returns the exit status; undefined means 0. */
  readonly run: (ctx: CommandContext<A>) => Promise<number | void>;
}

export function defineCommand<A>(command: Command<A>): Command<A> {
  return command;
}
