import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { check, downgrade, lint, migrate, upgrade } from '../../src/api';
import { copyFixture, fingerprint, SCENARIOS_DIR, scenarioNames, scenarioSteps } from '../support/scenarios';
import { apiEnv, createScratchDatabase, testTargets, type TestTarget } from '../support/test-cluster';

/**
 * What the linter may say about a generated step: only rules that genuinely apply (a type
 * change that rewrites, SET NOT NULL, a UNIQUE constraint on a filled table). Every other
 * step lints clean: indexes on existing tables are CONCURRENTLY, lock_timeout is set.
 */
const EXPECTED_LINT: Readonly<Record<string, readonly string[]>> = {
  'column-changes step-2/data-source.ts': ['adding-unique-constraint', 'changing-column-type', 'setting-not-null'],
  'enum-values step-3/data-source.ts': ['changing-column-type'],
  'enum-default-removed step-2/data-source.ts': ['changing-column-type'],
  'literal-payloads step-2/data-source.ts': ['changing-column-type'],
  // A stored generated column added to (or rebuilt in) a filled table computes every row under the lock.
  'generated-columns step-2/data-source.ts': ['adding-volatile-default'],
  // A unique that becomes deferrable is dropped and added again.
  'exclusions-collations step-2/data-source.ts': ['adding-unique-constraint'],
  'exclusions-collations step-3/data-source.ts': ['adding-unique-constraint'],
  'long-names step-2/data-source.ts': ['adding-unique-constraint', 'changing-column-type'],
};

/**
 * Every scenario, on every server: for each step, generate → upgrade → check finds nothing →
 * migrate again finds nothing; then downgrade step by step, and each time the catalog is
 * exactly what it was before that step.
 */
async function roundTrip(target: TestTarget, name: string): Promise<void> {
  const db = await createScratchDatabase(target, `rt_${name}`);
  const copy = copyFixture(join(SCENARIOS_DIR, name), `${target.name}-${name}`);
  try {
    const steps = scenarioSteps(copy.dir);
    const options = (step: string) => ({ cwd: copy.dir, datasource: step, env: apiEnv(db) });
    const before: string[] = [];
    /** Migrations per step: an index on an existing table adds a second, concurrent one. */
    const written: number[] = [];
    for (const [i, step] of steps.entries()) {
      before.push(await fingerprint(db.url));
      // Some steps drop or narrow on purpose: the round trip is about the diff, not the refusal.
      const generated = await migrate({ ...options(step), message: `${name} step ${i + 1}`, allowDataLoss: true });
      assert.ok(generated.changed && generated.file, `${step}: expected a migration`);
      written.push(generated.migrations.length);
      const linted = await lint(options(step));
      assert.deepEqual(linted.unrecorded, [], `${step}: lint records the generated migration to the end`);
      assert.deepEqual([...new Set(linted.violations.map((v) => v.code))].sort(), EXPECTED_LINT[`${name} ${step}`] ?? [], `${step}: lint`);
      await upgrade(options(step));
      const checked = await check(options(step));
      assert.deepEqual(checked.operations.map((o) => o.description), [], `${step}: check after upgrade`);
      assert.ok(checked.clean);
      const again = await migrate({ ...options(step), message: 'again' });
      assert.equal(again.changed, false);
    }
    const last = steps[steps.length - 1];
    for (let i = steps.length - 1; i >= 0; i--) {
      await downgrade({ ...options(last), yes: true, snapshot: false, steps: written[i] });
      assert.equal(await fingerprint(db.url), before[i], `downgrade of step ${i + 1} restores the catalog`);
    }
  } finally {
    copy.remove();
    await db.drop();
  }
}

/** SCENARIOS=a,b runs only those, while working on them. */
const only = process.env.SCENARIOS?.split(',').filter(Boolean);

for (const target of testTargets()) {
  describe(`scenario round trips on the ${target.name} server`, () => {
    for (const name of scenarioNames().filter((n) => !only || only.includes(n))) test(name, () => roundTrip(target, name));
  });
}
