import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FIXTURES } from '../support/fixture-project';
import { testTargets } from '../support/test-cluster';
import { checkScenario } from './round-trip-invariant';
import type { Scenario } from './scenario';

/**
 * Failures the fuzz corpus found, shrunk to a small scenario (test/fixtures/fuzz/<name>/
 * scenario.json, with a README saying what broke), replayed through the same invariant.
 */
const DIR = join(FIXTURES, 'fuzz');
const names = readdirSync(DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

for (const target of testTargets()) {
  describe(`shrunk fuzz failures stay fixed on the ${target.name} server`, () => {
    for (const name of names) {
      const scenario = JSON.parse(readFileSync(join(DIR, name, 'scenario.json'), 'utf8')) as Scenario;
      test(name, () => checkScenario(scenario, { target, label: `reg-${name.slice(0, 12)}` }).then(() => undefined));
    }
  });
}
