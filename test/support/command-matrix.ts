import { seededRandom } from './fault-trials';

/** One command of the concurrency matrix, as a user types it against a database at head. */
export interface MatrixCommand {
  readonly name: string;
  readonly args: readonly string[];
  /** Whether it may remove rows on purpose (so a lost sentinel row is not a defect). */
  readonly destructive: boolean;
}

export const MATRIX_COMMANDS: readonly MatrixCommand[] = [
  { name: 'upgrade', args: ['upgrade'], destructive: false },
  { name: 'downgrade', args: ['downgrade', 'base', '--yes'], destructive: true },
  { name: 'migrate', args: ['migrate', 'Concurrent change'], destructive: false },
  { name: 'seed', args: ['seed'], destructive: false },
  // A fixed name: two snapshots at once race for it.
  { name: 'snapshot', args: ['snapshot', 'pair'], destructive: false },
  { name: 'restore', args: ['restore', 'base', '--yes'], destructive: true },
  { name: 'reset', args: ['reset', '--yes'], destructive: true },
  { name: 'status', args: ['status'], destructive: false },
  { name: 'check', args: ['check'], destructive: false },
  { name: 'stamp', args: ['stamp', 'head'], destructive: false },
];

export type CommandPair = readonly [MatrixCommand, MatrixCommand];

/** Every unordered pair, each command with itself included: 55 for 10 commands. */
export function allPairs(commands: readonly MatrixCommand[] = MATRIX_COMMANDS): CommandPair[] {
  const out: CommandPair[] = [];
  commands.forEach((a, i) => commands.slice(i).forEach((b) => out.push([a, b])));
  return out;
}

/** The quick sample: the races found before (snapshot×snapshot, seed×seed), then `extra` drawn by seed. */
export function samplePairs(extra: number, seed: number): CommandPair[] {
  const all = allPairs();
  const pinned = all.filter(([a, b]) => a.name === b.name && (a.name === 'snapshot' || a.name === 'seed'));
  const rest = all.filter((p) => !pinned.includes(p));
  const random = seededRandom(seed);
  const drawn: CommandPair[] = [];
  while (drawn.length < extra && rest.length > 0) drawn.push(rest.splice(Math.floor(random() * rest.length), 1)[0]);
  return [...pinned, ...drawn];
}
