import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EntitySet, EntitySpec } from './entity-spec';
import { normalizeSet } from './normalize-set';
import { renderSet } from './render-entities';
import { checkScenario, InvariantFailure } from './round-trip-invariant';
import { scenarioSteps, type Scenario } from './scenario';
import type { TestTarget } from '../support/test-cluster';

/**
 * Reduces a failing scenario while the failure keeps its signature: edits first, then
 * whole entities, then each entity's parts, then each column's options. Greedy, one
 * removal at a time, repeated until a full pass removes nothing (or the budget runs out).
 */
export const FAILURES_DIR = join(__dirname, 'failures');

export interface ShrinkOptions {
  readonly target: TestTarget;
  readonly maxTrials?: number;
  readonly maxMs?: number;
}

type Candidate = () => Scenario | null;

const without = <T>(list: readonly T[], i: number): T[] => list.filter((_, k) => k !== i);

function withEntity(s: Scenario, i: number, e: EntitySpec | null): Scenario {
  const entities = e === null ? without(s.initial.entities, i) : s.initial.entities.map((x, k) => (k === i ? e : x));
  return { ...s, initial: normalizeSet({ entities }) };
}

function entityCandidates(s: Scenario, i: number): Candidate[] {
  const e = s.initial.entities[i];
  const out: Candidate[] = [];
  const lists = ['columns', 'indexes', 'uniques', 'checks', 'exclusions', 'relations', 'embedded'] as const;
  for (const key of lists) {
    for (let k = e[key].length - 1; k >= 0; k--) out.push(() => withEntity(s, i, { ...e, [key]: without(e[key] as readonly unknown[], k) } as EntitySpec));
  }
  for (const key of ['comment', 'schema', 'tree', 'sti'] as const) {
    if (e[key] !== undefined) {
      out.push(() => {
        const copy = { ...e } as Record<string, unknown>;
        delete copy[key];
        return withEntity(s, i, copy as unknown as EntitySpec);
      });
    }
  }
  if (e.primary.strategy !== 'increment') out.push(() => withEntity(s, i, { ...e, primary: { prop: 'id', strategy: 'increment' } }));
  e.columns.forEach((c, k) => {
    for (const key of ['nullable', 'unique', 'default', 'comment', 'collation', 'indexed', 'array', 'name', 'enumName', 'length', 'precision', 'scale'] as const) {
      if (c[key] === undefined) continue;
      out.push(() => {
        const copy = { ...c } as Record<string, unknown>;
        delete copy[key];
        if (key === 'precision') delete copy.scale;
        if (key === 'enumName' && !c.enumValues) return null;
        return withEntity(s, i, { ...e, columns: e.columns.map((x, j) => (j === k ? (copy as unknown as typeof c) : x)) });
      });
    }
  });
  return out;
}

function candidates(s: Scenario): Candidate[] {
  const out: Candidate[] = [];
  for (let k = s.edits.length - 1; k >= 0; k--) out.push(() => ({ ...s, edits: without(s.edits, k) }));
  for (let i = s.initial.entities.length - 1; i >= 0; i--) out.push(() => withEntity(s, i, null));
  for (let i = s.initial.entities.length - 1; i >= 0; i--) out.push(...entityCandidates(s, i));
  return out;
}

async function fails(s: Scenario, signature: string, target: TestTarget): Promise<boolean> {
  try {
    await checkScenario(s, { target, label: 'shrink' });
    return false;
  } catch (err) {
    return err instanceof InvariantFailure && err.signature === signature;
  }
}

const size = (s: Scenario) => JSON.stringify(s).length;

export async function shrinkScenario(original: Scenario, failure: InvariantFailure, options: ShrinkOptions) {
  const started = Date.now();
  const maxTrials = options.maxTrials ?? 150;
  const maxMs = options.maxMs ?? 8 * 60_000;
  let best = original;
  let trials = 0;
  let improved = true;
  while (improved && trials < maxTrials && Date.now() - started < maxMs) {
    improved = false;
    for (const make of candidates(best)) {
      if (trials >= maxTrials || Date.now() - started >= maxMs) break;
      const next = make();
      if (!next || size(next) >= size(best)) continue;
      trials++;
      if (await fails(next, failure.signature, options.target)) {
        best = next;
        improved = true;
        break;
      }
    }
  }
  const file = saveFailure(original, best, failure, options.target.name);
  return { file, entities: best.initial.entities.length, edits: best.edits.length, trials };
}

/** test/fuzz/failures/<seed>-<server>/: the scenario, the shrunk one, its entity files per step. */
export function saveFailure(original: Scenario, shrunk: Scenario, failure: InvariantFailure, server: string): string {
  const dir = join(FAILURES_DIR, `${original.seed}-${server}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'scenario.json'), `${JSON.stringify(original, null, 2)}\n`);
  writeFileSync(join(dir, 'shrunk.json'), `${JSON.stringify(shrunk, null, 2)}\n`);
  writeFileSync(join(dir, 'failure.txt'), `${failure.signature}\n\n${failure.message}\n`);
  for (const [i, step] of scenarioSteps(shrunk).entries()) writeSet(join(dir, `step-${i}`), step.set);
  return dir;
}

function writeSet(dir: string, set: EntitySet): void {
  for (const [file, content] of Object.entries(renderSet(set))) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
}
