import type { Command } from '../command';
import backup from './backup';
import check from './check';
import current from './current';
import downgrade from './downgrade';
import fleet from './fleet';
import history from './history';
import init from './init';
import lint from './lint';
import migrate from './migrate';
import reset from './reset';
import resetSchema from './reset-schema';
import resetTable from './reset-table';
import restore from './restore';
import restoreBackup from './restore-backup';
import revision from './revision';
import seed from './seed';
import setup from './setup';
import snapshot from './snapshot';
import snapshots from './snapshots';
import stamp from './stamp';
import start from './start';
import status from './status';
import stop from './stop';
import upgrade from './upgrade';
import url from './url';

/** The one registry of CLI verbs, in the order `help` lists them. */
export const COMMANDS: readonly Command<never>[] = [init, setup, migrate, revision, upgrade, downgrade, current, history, stamp, check, status, url, start, stop, reset, resetSchema, resetTable, seed, snapshot, restore, snapshots, backup, restoreBackup, lint, fleet] as readonly Command<never>[];
