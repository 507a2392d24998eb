import { cpus, loadavg } from 'node:os';
import { markStart } from './machine-facts';

/**
 * Waits (bounded) for other work on the machine to calm down before timing anything: the
 * figures mean little on a saturated machine. Returns a note for the results when it gave up.
 */
export async function waitForQuiet(maxWaitMs = 120_000): Promise<string | null> {
  const limit = Math.max(1, cpus().length * 0.75);
  const started = Date.now();
  for (;;) {
    const load = loadavg()[0];
    if (load <= limit) {
      markStart();
      return null;
    }
    if (Date.now() - started >= maxWaitMs) {
      markStart();
      return `the machine was busy with other work (1-min load ${load.toFixed(1)} on ${cpus().length} cores after waiting ${Math.round(maxWaitMs / 1000)} s): absolute figures are inflated; compare the tools within one table`;
    }
    process.stderr.write(`  waiting for a quieter machine (load ${load.toFixed(1)})\n`);
    await new Promise((ok) => setTimeout(ok, 10_000));
  }
}
