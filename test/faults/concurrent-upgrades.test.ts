import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { advisoryLocks, faultProject, fullyApplied, traces } from '../support/fault-project';
import { assertNoSecretsLeaked, faultTargets, runFaultCli, urlEnv } from '../support/fault-targets';
import { reportFigure, trials } from '../support/fault-trials';
import { adminQuery, createScratchDatabase } from '../support/test-cluster';

const PROCESSES = 8;
const MIGRATIONS = 20;

/**
 * Check 1: several replicas deploy at once. Eight `upgrade` processes start together on a
 * database with twenty pending migrations; the migration lock must serialise them so that
 * every process succeeds and each migration runs exactly once.
 */
describe('fault: concurrent upgrades', () => {
  const project = faultProject({ count: MIGRATIONS, sleep: 0.02 });
  after(() => {
    project.remove();
    assertNoSecretsLeaked('concurrent-upgrades');
  });

  for (const target of faultTargets()) {
    test(`${PROCESSES} upgrade processes at once apply each migration exactly once (${target.name})`, { timeout: 1_800_000 }, async () => {
      const count = trials(25, 2);
      const problems: string[] = [];
      let waited = 0;
      for (let trial = 0; trial < count; trial++) {
        const db = await createScratchDatabase(target, 'fault_conc');
        try {
          const runs = await Promise.all(
            Array.from({ length: PROCESSES }, () => runFaultCli(['upgrade', '--json', '-d', 'data-source.ts'], { cwd: project.dir, env: urlEnv(db) })),
          );
          const applied: string[] = [];
          runs.forEach((r, p) => {
            if (r.code !== 0) {
              problems.push(`trial ${trial}, process ${p}: exit ${r.code}: ${r.stderr.trim()}`);
              return;
            }
            if (/waiting for another db-manage run/.test(r.stderr)) waited++;
            applied.push(...(JSON.parse(r.stdout) as { applied: { name: string }[] }).applied.map((a) => a.name));
          });
          const twice = applied.filter((name, i) => applied.indexOf(name) !== i);
          if (twice.length > 0) problems.push(`trial ${trial}: reported applied twice: ${twice.join(', ')}`);
          const found = await traces(db.url, project.names);
          const broken = found.filter((t) => !fullyApplied(t));
          if (broken.length > 0) problems.push(`trial ${trial}: not applied exactly once: ${JSON.stringify(broken)}`);
          const history = await adminQuery<{ name: string }>(db.url, 'SELECT "name" FROM "migrations" ORDER BY "id"');
          if (JSON.stringify(history.map((h) => h.name)) !== JSON.stringify(project.names)) {
            problems.push(`trial ${trial}: history is ${history.map((h) => h.name).join(', ')}`);
          }
          if ((await advisoryLocks(db.url)) !== 0) problems.push(`trial ${trial}: an advisory lock is still held`);
        } finally {
          await db.drop();
        }
      }
      reportFigure(`concurrent-upgrades (${target.name})`, {
        trials: count,
        processes: count * PROCESSES,
        migrationsPerTrial: MIGRATIONS,
        processesThatWaited: waited,
        failures: problems.length,
      });
      assert.deepEqual(problems, []);
    });
  }
});
