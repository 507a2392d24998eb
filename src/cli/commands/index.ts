import type { Command } from '../command';
import current from './current';
import downgrade from './downgrade';
import history from './history';
import init from './init';
import stamp from './stamp';
import start from './start';
import status from './status';
import stop from './stop';
import upgrade from './upgrade';
import url from './url';

/** The one registry of CLI verbs, in the order `help` lists them. */
export const COMMANDS: readonly Command<never>[] = [init, upgrade, downgrade, current, history, stamp, status, url, start, stop] as readonly Command<never>[];
