import { recreateDatabase, type BenchServer } from '../support/bench-servers';
import type { Measurement } from '../support/interleave';
import type { QueryTally } from '../support/query-counter';
import type { TimedRun } from '../support/run-timed';
import { DbManageCli, type DbManagePrepared } from './db-manage-side';
import { HEAD_TEMPLATES, dropSnapshotsOf, putOneRow, snapshotsOf } from './head-template';
import type { Workspace } from './workspace';

/** `--yes`: the row in entity_001 would be lost, and without a terminal db-manage refuses unasked. */
export const DOWNGRADE_BASE = ['downgrade', 'base', '--yes'] as const;
export const NO_SNAPSHOT = '--no-snapshot';

// Each measurement its own database; the first 12 characters differ, so do their snapshots' names.
const DB = {
  down: 'bench_dg_nosnap',
  downSnap: 'bench_dg_snap',
  status: 'bench_status_head',
  upHead: 'bench_up_head',
  afterSnap: 'bench_st_snap',
  afterNoSnap: 'bench_st_nosnap',
} as const;

const SNAPSHOT_TAKEN = /Snapshot \S+ taken/;

/** A downgrade that did not revert, or took (or skipped) the snapshot unexpectedly, is not timed as one. */
function expectDowngrade(run: TimedRun, label: string, snapshot: boolean): TimedRun {
  const out = `${run.stdout}\n${run.stderr}`;
  const problem = !/Downgraded /.test(out)
    ? 'reverted nothing'
    : SNAPSHOT_TAKEN.test(out) !== snapshot
      ? snapshot
        ? 'took no automatic snapshot'
        : 'took an automatic snapshot'
      : null;
  if (problem) throw new Error(`${label} ${problem}:\n${out.trim().split('\n').slice(-15).join('\n')}`);
  return run;
}

/** Untimed, once per server: db-manage's initial migration applied and one row put in. */
export async function prepareDbManageHead(server: BenchServer, ws: Workspace): Promise<void> {
  const cli = new DbManageCli(server, ws.dbmUpgrade);
  await recreateDatabase(server, HEAD_TEMPLATES.dbm);
  cli.timed(['upgrade'], HEAD_TEMPLATES.dbm);
  await putOneRow(server, HEAD_TEMPLATES.dbm);
}

/**
 * Revert measurements on copies of the head template: `downgrade base` with and without its
 * automatic snapshot, `upgrade` with nothing to apply, `status` at head, and `status` right after each kind of downgrade (the
 * snapshot must not slow the next command).
 */
export function dbManageRevertMeasurements(server: BenchServer, ws: Workspace, prepared: DbManagePrepared, runs: number): Measurement[] {
  if (!prepared.verbs.has('upgrade')) return [];
  const cli = new DbManageCli(server, ws.dbmUpgrade);
  const atHead = (db: string) => async () => {
    await dropSnapshotsOf(server, db);
    await recreateDatabase(server, db, HEAD_TEMPLATES.dbm);
  };
  const downgrade = (db: string, snapshot: boolean) => {
    const args = snapshot ? [...DOWNGRADE_BASE] : [...DOWNGRADE_BASE, NO_SNAPSHOT];
    return expectDowngrade(cli.timed(args, db), `${server.name} · db-manage ${args.join(' ')}`, snapshot);
  };
  const list: Measurement[] = [];
  if (prepared.verbs.has('downgrade')) {
    list.push(
      {
        key: 'dbm:downgrade',
        label: `db-manage · downgrade base --yes ${NO_SNAPSHOT}, db at head`,
        runs,
        before: atHead(DB.down),
        run: () => downgrade(DB.down, false),
      },
      {
        key: 'dbm:downgrade-snap',
        label: 'db-manage · downgrade base --yes (automatic snapshot), db at head',
        runs,
        before: atHead(DB.downSnap),
        run: () => downgrade(DB.downSnap, true),
      },
    );
  }
  // The floor of every command on this project: start, load it and its one migration, take the lock, read the history.
  list.push({
    key: 'dbm:head-noop',
    label: 'db-manage · upgrade, db at head, none pending',
    runs,
    setup: () => recreateDatabase(server, DB.upHead, HEAD_TEMPLATES.dbm),
    run: () => {
      const run = cli.timed(['upgrade'], DB.upHead);
      if (!/Nothing to apply/.test(`${run.stdout}\n${run.stderr}`)) throw new Error(`${server.name}: upgrade at head applied something:\n${run.stdout}${run.stderr}`);
      return run;
    },
  });
  if (!prepared.verbs.has('status')) return list;
  list.push({
    key: 'dbm:status',
    label: 'db-manage · status, db at head',
    runs,
    setup: () => recreateDatabase(server, DB.status, HEAD_TEMPLATES.dbm),
    run: () => cli.timed(['status'], DB.status),
  });
  if (!prepared.verbs.has('downgrade')) return list;
  const after = (db: string, snapshot: boolean) => async () => {
    await atHead(db)();
    downgrade(db, snapshot);
    const taken = (await snapshotsOf(server, db)).length;
    if (taken !== (snapshot ? 1 : 0)) throw new Error(`${server.name}: ${taken} snapshot(s) of ${db} after the downgrade, expected ${snapshot ? 1 : 0}`);
  };
  list.push(
    {
      key: 'dbm:status-after-snap',
      label: 'db-manage · status, right after downgrade base with its snapshot',
      runs,
      before: after(DB.afterSnap, true),
      run: () => cli.timed(['status'], DB.afterSnap),
    },
    {
      key: 'dbm:status-after-nosnap',
      label: `db-manage · status, right after downgrade base ${NO_SNAPSHOT}`,
      runs,
      before: after(DB.afterNoSnap, false),
      run: () => cli.timed(['status'], DB.afterNoSnap),
    },
  );
  return list;
}

export interface DbManageRevertQueries {
  readonly downgrade?: QueryTally;
  readonly status?: QueryTally;
}

/** Statements sent by `downgrade base --no-snapshot` and `status`, through the counting proxy; untimed. */
export async function countDbManageRevert(server: BenchServer, ws: Workspace, prepared: DbManagePrepared): Promise<DbManageRevertQueries> {
  if (!prepared.verbs.has('upgrade')) return {};
  const cli = new DbManageCli(server, ws.dbmUpgrade);
  const db = 'bench_dbm_count_head';
  let out: DbManageRevertQueries = {};
  if (prepared.verbs.has('status')) {
    await recreateDatabase(server, db, HEAD_TEMPLATES.dbm);
    out = { status: await cli.counted(['status'], db, [0]) };
  }
  if (prepared.verbs.has('downgrade')) {
    await recreateDatabase(server, db, HEAD_TEMPLATES.dbm);
    out = { ...out, downgrade: await cli.counted([...DOWNGRADE_BASE, NO_SNAPSHOT], db, [0]) };
  }
  return out;
}
