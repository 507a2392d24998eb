import type { Command } from '../command';
import init from './init';
import start from './start';
import status from './status';
import stop from './stop';
import url from './url';

/** The one registry of CLI verbs, in the order `help` lists them. */
export const COMMANDS: readonly Command<never>[] = [init, status, url, start, stop] as readonly Command<never>[];
