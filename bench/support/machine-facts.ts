import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cpus, release, totalmem, loadavg } from 'node:os';

/** CPU pressure (share of the last 60 s some task waited for a CPU), from Linux PSI; null elsewhere. */
export function cpuPressure(): number | null {
  try {
    const line = readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0];
    const m = /avg60=([\d.]+)/.exec(line);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

// Captured when timing starts, to set beside the figures at the end.
let LOAD_AT_START = loadavg();
let PRESSURE_AT_START = cpuPressure();

/** Records the machine's load now, as the start of the timed part. */
export function markStart(): void {
  LOAD_AT_START = loadavg();
  PRESSURE_AT_START = cpuPressure();
}

function tryRun(cmd: string, args: readonly string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return 'not found';
  }
}

function packageVersion(name: string): string {
  // Read from disk: some packages (typeorm) do not export their package.json.
  try {
    const file = join(__dirname, '..', '..', 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/**
 * The file system holding `dir`, as `findmnt` names it; for ext4, whether it has a journal (an
 * ext4 without one scans every recently deleted inode when it creates a file: see RESULTS.md).
 */
export function fileSystemOf(dir: string): string {
  let at = dir;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  const line = tryRun('findmnt', ['-n', '-o', 'SOURCE,FSTYPE', '--target', at]);
  if (line === 'not found' || line === '') return 'an unknown file system';
  const [source, fsType] = line.split(/\s+/);
  if (fsType !== 'ext4' || !source.startsWith('/dev/')) return `${fsType} (${source})`;
  let journal = '';
  try {
    journal = readFileSync(`/sys/fs/ext4/${source.slice('/dev/'.length)}/journal_task`, 'utf8').trim() === '<none>' ? ', without a journal' : ', with a journal';
  } catch {
    // not readable here: say nothing about the journal
  }
  return `ext4 (${source}${journal})`;
}

/** What a reader needs to judge the figures: the machine, the runtimes and how busy it was. */
export function machineFacts(extra: Readonly<Record<string, string>> = {}): string {
  const cpu = cpus();
  const facts: Record<string, string> = {
    date: new Date().toISOString(),
    // What was measured: the commit, marked when the working tree had changes besides the results.
    'db-manage commit': measuredCommit(),
    cpu: `${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    kernel: release(),
    // Other work on the machine (a test suite, say) moves the figures; this shows how busy it was.
    [`load average at start / at end (1 min, ${cpus().length} cores)`]: `${LOAD_AT_START[0].toFixed(2)} / ${loadavg()[0].toFixed(2)}`,
    'CPU pressure at start / at end (PSI some avg60, %)': `${PRESSURE_AT_START ?? 'n/a'} / ${cpuPressure() ?? 'n/a'}`,
    node: process.version,
    typeorm: packageVersion('typeorm'),
    typescript: packageVersion('typescript'),
    pg: packageVersion('pg'),
    psql: tryRun('psql', ['--version']),
    ...extra,
  };
  return Object.entries(facts)
    .map(([k, v]) => `- ${k}: ${v}`)
    .join('\n');
}

function measuredCommit(): string {
  const root = join(__dirname, '..', '..');
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/RESULTS.md'], { cwd: root, encoding: 'utf8' }).trim();
    return changed === '' ? commit : `${commit} with uncommitted changes`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
