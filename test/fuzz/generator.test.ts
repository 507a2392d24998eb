import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allFeatures, FEATURES, sampleFeatures, type FeatureName, type FeatureSet } from './features';
import { renderSet } from './render-entities';
import { scenarioFor, scenarioSteps } from './scenario';

/** Everything a seed's scenario renders to, every step. */
function rendered(seed: number, on: FeatureSet): string {
  return scenarioSteps(scenarioFor(seed, on, 4))
    .map((s) => Object.values(renderSet(s.set)).join('\n'))
    .join('\n');
}

/** A string option whose value (not its source text) holds a newline. */
const MULTI_LINE_COMMENT = { test: (text: string) => [...text.matchAll(/comment: ("(?:[^"\\]|\\.)*")/g)].some((m) => (JSON.parse(m[1]) as string).includes('\n')) };

/** What a feature looks like in the rendered source. */
const MARKERS: Partial<Record<FeatureName, { test(text: string): boolean }>> = {
  // enum: comes before enumName, so a reference has none in between.
  'types.enum-reference': /type: "enum", (name: "[^"]*", )?enumName: /,
  'defaults.json-array': /type: "jsonb?"[^\n]*default: \[/,
  'uniques.deferrable': /deferrable: /,
  exclusions: /@Exclusion\(/,
  collation: /collation: /,
  'comments.multi-line': MULTI_LINE_COMMENT,
  'comments.nul': /\\u0000/,
  'relations.join-table-both-sides': /@ManyToMany\(\(\) => \w+, \(o\) =>/,
  'names.long': /a_table_name_that_is_much_longer|очень_длинное|a_column_name_that_runs_past/,
  'tree.closure-table': /@Tree\("closure-table"\)/,
  'tree.nested-set': /@Tree\("nested-set"\)/,
  'tree.materialized-path': /@Tree\("materialized-path"\)/,
  sti: /@ChildEntity\(/,
  embedded: /@Column\(\(\) => /,
  'relations.many-to-many': /@JoinTable\(/,
  'relations.one-to-one': /@OneToOne\(/,
  'columns.generated': /generatedType: 'STORED'/,
  'columns.special': /@(Create|Update|Delete)DateColumn|@VersionColumn/,
  schemas: /schema: "(analytics|crm)"/,
  'types.range': /type: "(int4|int8|num|ts|tstz|date)range"/,
  'indexes.class': /^@Index\(/m,
  checks: /^@Check\(/m,
};

test('a seed gives the same scenario and the same files every time', () => {
  for (const seed of [1, 7, 123456]) {
    assert.deepEqual(scenarioFor(seed, sampleFeatures(), 4), scenarioFor(seed, sampleFeatures(), 4));
    assert.equal(rendered(seed, sampleFeatures()), rendered(seed, sampleFeatures()));
  }
  assert.notEqual(rendered(1, sampleFeatures()), rendered(2, sampleFeatures()));
});

test('over 300 seeds with every feature on, each marked feature appears', () => {
  const text = Array.from({ length: 300 }, (_, i) => rendered(i + 1, allFeatures())).join('\n');
  const missing = Object.entries(MARKERS).filter(([, re]) => !re.test(text)).map(([f]) => f);
  assert.deepEqual(missing, []);
});

test('the CI sample has every feature on: no flag waits for a fix', () => {
  const waiting = (Object.keys(FEATURES) as FeatureName[]).filter((f) => 'waitsFor' in FEATURES[f]);
  assert.deepEqual(waiting, []);
  const text = Array.from({ length: 300 }, (_, i) => rendered(i + 1, sampleFeatures())).join('\n');
  const missing = Object.entries(MARKERS).filter(([, re]) => !re.test(text)).map(([f]) => f);
  assert.deepEqual(missing, []);
});

test('edits change the entities at every step', () => {
  for (let seed = 1; seed <= 50; seed++) {
    const steps = scenarioSteps(scenarioFor(seed, sampleFeatures(), 4));
    for (let i = 1; i < steps.length; i++) assert.notDeepEqual(steps[i].set, steps[i - 1].set, `seed ${seed} step ${i}`);
  }
});

/** Every enum column of a set, wherever it sits (entity, embedded, single-table child), as JSON finds it. */
function enumColumns(node: unknown, out: { enumValues: string[]; default?: { kind: string; value?: unknown } }[] = []): typeof out {
  if (Array.isArray(node)) node.forEach((n) => enumColumns(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'enum' && Array.isArray(o.enumValues)) out.push(o as (typeof out)[number]);
    Object.values(o).forEach((v) => enumColumns(v, out));
  }
  return out;
}

test('an edited enum column keeps a default among its own values (seed 7275: a default taken from another enum)', () => {
  for (const on of [sampleFeatures(), allFeatures()]) {
    for (const seed of [7275, ...Array.from({ length: 300 }, (_, i) => i + 1)]) {
      for (const step of scenarioSteps(scenarioFor(seed, on, 4))) {
        for (const c of enumColumns(step.set)) {
          if (c.default?.kind === 'literal') assert.ok(c.enumValues.includes(String(c.default.value)), `seed ${seed}: default ${String(c.default.value)} not in ${c.enumValues.join(', ')}`);
        }
      }
    }
  }
});
