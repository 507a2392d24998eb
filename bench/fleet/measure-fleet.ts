import { writeFileSync } from 'node:fs';
import type { BenchServer } from '../support/bench-servers';
import { databasesLayout, dropFleetDatabases, schemasLayout, type Layout } from './fleet-layouts';
import { timedUpgrade, type FleetSample } from './timed-upgrade';

export interface FleetPlan {
  readonly databases: number;
  readonly schemas: number;
  readonly levels: readonly number[];
  /** Rounds wanted; fewer when the budget runs out. */
  readonly runs: number;
  /** No new round after this, once every level has one run. */
  readonly budgetMs: number;
}

export interface Cell {
  readonly layout: Layout;
  readonly concurrency: number;
  readonly samples: FleetSample[];
}

export interface ServerFigures {
  readonly server: BenchServer;
  readonly cells: readonly Cell[];
}

/** The list started at `by`, so no level is always the first (or the last) of a round. */
function rotate<T>(list: readonly T[], by: number): T[] {
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

function log(line: string): void {
  process.stderr.write(`fleet: ${line}\n`);
}

/**
 * Rounds in which each layout runs once at every level, in an order rotated each round, so a
 * change in the machine's load hits every level alike. Each run starts from empty targets.
 */
export async function measureFleet(server: BenchServer, plan: FleetPlan): Promise<ServerFigures> {
  await dropFleetDatabases(server);
  const layouts = [databasesLayout(server, plan.databases), schemasLayout(server, plan.schemas)];
  const cells = new Map<string, Cell>();
  for (const layout of layouts) for (const concurrency of plan.levels) cells.set(`${layout.key}/${concurrency}`, { layout, concurrency, samples: [] });
  try {
    // Untimed: one target, so the loader's cache holds the project's files before the first figure.
    const first = layouts[0];
    await first.reset();
    const warmup = `${first.targetsFile}.warmup`;
    writeFileSync(warmup, `${first.databaseUrl}\n`);
    await timedUpgrade(server, first, 1, warmup, 1);
    const started = Date.now();
    for (let round = 0; round < plan.runs; round++) {
      if (round >= 1 && Date.now() - started > plan.budgetMs) {
        log(`${server.name}: time budget spent after ${round} round(s)`);
        break;
      }
      for (const layout of rotate(layouts, round)) {
        for (const concurrency of rotate(plan.levels, round)) {
          const resetStarted = Date.now();
          await layout.reset();
          const resetS = ((Date.now() - resetStarted) / 1000).toFixed(1);
          const sample = await timedUpgrade(server, layout, concurrency);
          cells.get(`${layout.key}/${concurrency}`)?.samples.push(sample);
          log(`${server.name}, round ${round + 1}/${plan.runs}: ${layout.label} at concurrency ${concurrency}: ${(sample.wallMs / 1000).toFixed(2)} s, ${sample.peakConnections} connections (reset ${resetS} s, untimed)`);
        }
      }
    }
  } finally {
    await dropFleetDatabases(server);
  }
  return { server, cells: [...cells.values()] };
}
