import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProject } from '../synthetic/generate-project';
import { expectStatus, runTimed } from '../support/run-timed';

/**
 * One copy of the synthetic project per job, so each measurement owns its migrations folder
 * and the measurements can take turns without disturbing each other.
 */
export interface Workspace {
  readonly root: string;
  readonly entities: number;
  readonly census: Record<string, number>;
  /** TypeORM, precompiled with tsc: generate, run and check. */
  readonly typeormJs: string;
  /** TypeORM through ts-node, from the TypeScript sources. */
  readonly typeormTs: string;
  /** TypeORM, precompiled, with the initial migration and 199 revisions. */
  readonly typeormMany: string;
  /** db-manage `migrate`: its migrations folder is emptied before every run. */
  readonly dbmMigrate: string;
  /** db-manage `upgrade` and `check`: the initial migration only. */
  readonly dbmUpgrade: string;
  /** db-manage with the initial migration and 199 revisions. */
  readonly dbmMany: string;
  readonly tscMs: number;
  remove(): void;
}

export function compileProject(dir: string): number {
  return expectStatus(runTimed('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: dir, timeoutMs: 300_000 }), `npx tsc in ${dir}`).wallMs;
}

export function createWorkspace(entities: number): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'bench-migration-engine-'));
  const make = (name: string) => generateProject(entities, join(root, name));
  const js = make('typeorm-js');
  const dirs = {
    typeormJs: js.dir,
    typeormTs: make('typeorm-ts').dir,
    typeormMany: make('typeorm-many').dir,
    dbmMigrate: make('dbm-migrate').dir,
    dbmUpgrade: make('dbm-upgrade').dir,
    dbmMany: make('dbm-many').dir,
  };
  const tscMs = compileProject(js.dir);
  return { root, entities, census: js.census, ...dirs, tscMs, remove: () => rmSync(root, { recursive: true, force: true }) };
}
