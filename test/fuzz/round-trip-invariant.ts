import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { check, downgrade, isDbManageError, migrate, upgrade } from '../../src/api';
import { ROOT, runCli } from '../support/run-cli';
import { BOOKKEEPING, fingerprint } from '../support/scenarios';
import { typeormPendingSql } from '../support/typeorm-drift';
import { apiEnv, createScratchDatabase, targetEnv, type TestTarget } from '../support/test-cluster';
import { catalogDifferences } from './catalog-oracle';
import { renderSet } from './render-entities';
import type { EntitySet } from './entity-spec';
import { scenarioSteps, type Scenario } from './scenario';

/**
 * The invariant every step of a scenario must keep, on one server: migrate writes a
 * migration, it applies, check is clean, a second migrate writes nothing, the catalog
 * holds what the entities declare; then each step's downgrade restores the catalog of
 * the step before exactly, and upgrade from base lands on the same catalog again.
 * Repeated migrate runs give the same SQL.
 */
export type Phase = 'load' | 'migrate' | 'determinism' | 'upgrade' | 'check' | 'converge' | 'oracle' | 'downgrade' | 'reupgrade' | 'cli';

export class InvariantFailure extends Error {
  constructor(
    readonly phase: Phase,
    readonly step: number,
    readonly detail: string,
  ) {
    super(`step ${step} ${phase}: ${detail}`);
  }

  /** What must stay the same while shrinking: the phase and the message without names or numbers. */
  get signature(): string {
    const first = this.detail.split('\n')[0];
    return `${this.phase}: ${first.replace(/"[^"]*"|'[^']*'|\b[\w.]*\d[\w.]*\b/g, '…').slice(0, 120)}`;
  }
}

export interface InvariantOptions {
  readonly target: TestTarget;
  /** How many times migrate --sql runs on the first state; the outputs must be equal. */
  readonly repeat?: number;
  /** Also run the real CLI (migrate --sql, check) on each step. */
  readonly cli?: boolean;
  /** Where the project folder goes; it is removed afterwards. */
  readonly label?: string;
  /** Also ask TypeORM's own schema builder after each upgrade what it would still change (recorded, not an invariant). */
  readonly typeormDrift?: boolean;
}

let runs = 0;

const BOOKKEEPING_KEYS = BOOKKEEPING.map((b) => `${b.schema}.${b.name}`);

function message(err: unknown): string {
  if (isDbManageError(err)) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

async function phase<T>(name: Phase, step: number, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await run();
  } catch (err) {
    if (err instanceof InvariantFailure) throw err;
    throw new InvariantFailure(name, step, message(err));
  } finally {
    if (process.env.FUZZ_TIMING) process.stderr.write(`  step ${step} ${name} ${Date.now() - started} ms\n`);
  }
}

function writeStep(dir: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
}

/**
 * Runs every step of the scenario on a database of its own, then downgrades step by step
 * back to the empty database and upgrades to the end again; throws InvariantFailure.
 */
export async function checkScenario(s: Scenario, options: InvariantOptions): Promise<{ steps: number; migrations: number; typeormDrift?: string[] }> {
  const steps = scenarioSteps(s);
  const db = await createScratchDatabase(options.target, `fz_${s.seed}`);
  // Inside the repository, so `typeorm` resolves by walking up to node_modules; a new
  // folder per run, since node caches every module it loaded by its path.
  const base = join(ROOT, '.db-manage', 'fuzz-runs', `${options.label ?? 'run'}-${options.target.name}-${s.seed}-${process.pid}-${runs++}`);
  rmSync(base, { recursive: true, force: true });
  const before: string[] = [];
  const written: number[] = [];
  const drift = new Set<string>();
  try {
    let last = { cwd: base, datasource: 'data-source.ts', env: apiEnv(db) };
    for (const [i, step] of steps.entries()) {
      const dir = join(base, `step-${i}`);
      before.push(await fingerprint(db.url));
      const set = await refusedNul(step.set, join(base, `step-${i}-nul`), db, i, before[i]);
      writeStep(dir, renderSet(set));
      const opts = { cwd: dir, datasource: 'data-source.ts', env: apiEnv(db) };
      last = opts;
      // The first state only: enough to catch an unstable order, at a fraction of the cost.
      if ((options.repeat ?? 1) > 1 && i === 0) {
        const first = await phase('migrate', i, () => migrate({ ...opts, message: `step ${i}`, sql: true, allowDataLoss: true, renames: step.renames }));
        for (let k = 1; k < (options.repeat ?? 1); k++) {
          const again = await phase('migrate', i, () => migrate({ ...opts, message: `step ${i}`, sql: true, allowDataLoss: true, renames: step.renames }));
          if (JSON.stringify(again.sql) !== JSON.stringify(first.sql)) throw new InvariantFailure('determinism', i, `run ${k + 1} of migrate --sql differs from run 1`);
        }
      }
      const generated = await phase('migrate', i, () => migrate({ ...opts, message: `step ${i}`, allowDataLoss: true, renames: step.renames }));
      written.push(generated.migrations.length);
      // The header comment describes operations with their schemas; the statements must not.
      if (process.env.FUZZ_SCHEMA_PER_TENANT === '1') {
        for (const m of generated.migrations) {
          const line = m.file ? readFileSync(m.file, 'utf8').split('\n').find((l) => l.includes('"public".') && !/^\s*(\/\/|\/?\*)/.test(l)) : undefined;
          if (line !== undefined) throw new InvariantFailure('migrate', i, `schema per tenant, yet a migration names "public": ${line.trim()}`);
        }
      }
      if (!generated.changed && i === 0 && set.entities.length > 0) throw new InvariantFailure('migrate', i, 'no migration for a new entity set');
      await phase('upgrade', i, () => upgrade(opts));
      const checked = await phase('check', i, () => check(opts));
      if (!checked.clean) throw new InvariantFailure('check', i, `check after upgrade wants: ${checked.operations.map((o) => o.description).join('; ')}`);
      const again = await phase('converge', i, () => migrate({ ...opts, message: 'again', allowDataLoss: true }));
      if (again.changed) throw new InvariantFailure('converge', i, `a second migrate writes: ${again.operations.map((o) => o.description).join('; ')}`);
      const problems = await phase('oracle', i, () => catalogDifferences(db.url, set, BOOKKEEPING_KEYS));
      if (problems.length > 0) throw new InvariantFailure('oracle', i, problems.join('\n'));
      if (options.cli) await cliStep(dir, db, i);
      if (options.typeormDrift) for (const sql of await typeormPendingSql(join(dir, 'data-source.ts'), db.url).catch((e: Error) => [`(TypeORM failed: ${e.message.split('\n')[0]})`])) drift.add(sql);
      if (generated.migrations.length === 0 && (await fingerprint(db.url)) !== before[i]) {
        throw new InvariantFailure('migrate', i, `no migration written, yet the catalog changed:\n${lineDiff(before[i], await fingerprint(db.url))}`);
      }
    }
    // The last step's data source sees every migration: walk back one step at a time.
    const head = await fingerprint(db.url);
    for (let i = steps.length - 1; i >= 0; i--) {
      if (written[i] === 0) continue;
      await phase('downgrade', i, () => downgrade({ ...last, yes: true, snapshot: false, steps: written[i] }));
      const restored = await fingerprint(db.url);
      if (restored !== before[i]) throw new InvariantFailure('downgrade', i, `downgrade leaves a different catalog:\n${lineDiff(before[i], restored)}`);
    }
    await phase('reupgrade', steps.length - 1, () => upgrade(last));
    const reapplied = await fingerprint(db.url);
    if (reapplied !== head) throw new InvariantFailure('reupgrade', steps.length - 1, `upgrade from base gives a different catalog:\n${lineDiff(head, reapplied)}`);
    return { steps: steps.length, migrations: written.reduce((a, b) => a + b, 0), ...(options.typeormDrift ? { typeormDrift: [...drift] } : {}) };
  } finally {
    rmSync(base, { recursive: true, force: true });
    await db.drop();
  }
}

/**
 * PostgreSQL text cannot hold NUL, so a set with one in a string must be refused by
 * `migrate` in one `config-invalid` line that names it, with the database untouched; the
 * scenario then goes on with the NUL taken out.
 */
async function refusedNul(set: EntitySet, dir: string, db: Awaited<ReturnType<typeof createScratchDatabase>>, step: number, catalog: string): Promise<EntitySet> {
  const json = JSON.stringify(set);
  if (!json.includes('\\u0000')) return set;
  writeStep(dir, renderSet(set));
  const refused = await migrate({ cwd: dir, datasource: 'data-source.ts', env: apiEnv(db), message: `step ${step}`, allowDataLoss: true }).then(
    () => null,
    (err: unknown) => err,
  );
  if (!isDbManageError(refused) || refused.code !== 'config-invalid' || !refused.message.includes('NUL')) {
    throw new InvariantFailure('migrate', step, `a NUL in a string is not refused in one config-invalid line: ${refused === null ? 'migrate wrote a migration' : message(refused)}`);
  }
  if ((await fingerprint(db.url)) !== catalog) throw new InvariantFailure('migrate', step, 'the refused migrate changed the catalog');
  rmSync(dir, { recursive: true, force: true });
  return JSON.parse(json.replaceAll('\\u0000', '')) as EntitySet;
}

/** The real bin on the same state: check exits 0 and migrate --sql prints nothing to do. */
async function cliStep(dir: string, db: Awaited<ReturnType<typeof createScratchDatabase>>, step: number): Promise<void> {
  const env = targetEnv(db);
  const checked = await runCli(['check', '-d', 'data-source.ts'], { cwd: dir, env });
  if (checked.code !== 0) throw new InvariantFailure('cli', step, `db-manage check exits ${checked.code}: ${(checked.stderr || checked.stdout).trim().split('\n')[0]}`);
  const outs: string[] = [];
  for (let k = 0; k < 2; k++) {
    const run = await runCli(['migrate', 'again', '--sql', '-d', 'data-source.ts'], { cwd: dir, env });
    if (run.code !== 0) throw new InvariantFailure('cli', step, `db-manage migrate --sql exits ${run.code}: ${(run.stderr || run.stdout).trim().split('\n')[0]}`);
    outs.push(run.stdout);
  }
  if (outs[0] !== outs[1]) throw new InvariantFailure('determinism', step, 'two runs of db-manage migrate --sql print different output');
}

function lineDiff(a: string, b: string): string {
  const left = new Set(a.split('\n'));
  const right = new Set(b.split('\n'));
  return [...[...left].filter((l) => !right.has(l)).map((l) => `- ${l}`), ...[...right].filter((l) => !left.has(l)).map((l) => `+ ${l}`)].slice(0, 20).join('\n');
}

