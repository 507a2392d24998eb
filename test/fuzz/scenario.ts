import { applyEdit, generateEdits, renameAnswers, type Edit } from './edits';
import type { EntitySet } from './entity-spec';
import { FEATURE_NAMES, type FeatureName, type FeatureSet } from './features';
import { generateSet } from './generate-set';
import { rng } from './prng';

/** A seed's whole input: the first entity set and the edits after it. Plain JSON. */
export interface Scenario {
  readonly seed: number;
  readonly features: readonly FeatureName[];
  readonly initial: EntitySet;
  readonly edits: readonly Edit[];
}

export interface ScenarioStep {
  readonly set: EntitySet;
  /** What changed, for messages; the first step is "initial entities". */
  readonly label: string;
  readonly renames: readonly string[];
}

export function scenarioFor(seed: number, on: FeatureSet, editCount: number): Scenario {
  const initial = generateSet(seed, on);
  const edits = generateEdits(rng(seed).fork('edits'), on, initial, editCount);
  return { seed, features: FEATURE_NAMES.filter((f) => on.has(f)), initial, edits };
}

/** The entity set at each step; an edit that no longer applies (after shrinking) is skipped. */
export function scenarioSteps(s: Scenario): ScenarioStep[] {
  const steps: ScenarioStep[] = [{ set: s.initial, label: 'initial entities', renames: [] }];
  let set = s.initial;
  for (const edit of s.edits) {
    const next = applyEdit(set, edit);
    if (!next || JSON.stringify(next) === JSON.stringify(set)) continue;
    steps.push({ set: next, label: JSON.stringify(edit).slice(0, 300), renames: renameAnswers(set, edit) });
    set = next;
  }
  return steps;
}
