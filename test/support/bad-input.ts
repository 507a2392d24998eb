import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVLOOP } from './devloop-project';
import { ROOT } from './run-cli';
import type { ScratchDatabase, TestTarget } from './test-cluster';

/** What a bad-input case may use: its own copy of the project and the shared database. */
export interface CaseContext {
  /** The copy of the devloop project the case runs in (and may edit). */
  readonly dir: string;
  readonly db: ScratchDatabase;
  readonly target: TestTarget;
}

export interface BadInputCase {
  readonly name: string;
  readonly args: readonly string[] | ((ctx: CaseContext) => readonly string[]);
  /** The error code; the exit status expected is the one the README documents for it. */
  readonly code: string;
  /** What the one error line must say. */
  readonly says: RegExp;
  /** Edits the copy before the run; may return an undo (an unmount) run afterwards. */
  readonly prepare?: (ctx: CaseContext) => void | (() => void);
  /** Variables over DATABASE_URL (the shared database); undefined removes one. */
  readonly env?: (ctx: CaseContext) => Record<string, string | undefined>;
  /** stdout goes to this file (relative to the copy), as `> file` in a shell. */
  readonly stdoutTo?: string;
  /** Typed at the confirmation prompt of a real terminal. */
  readonly keys?: string;
  /** Only where the input reaches a server of that kind. */
  readonly only?: TestTarget['name'];
  /** Why the case cannot run here, if it cannot. */
  readonly skip?: () => string | false;
}

/** code → exit status, read from the README's "Exit statuses" table: the documented contract. */
export function documentedStatuses(): Map<string, number> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Exit statuses$/m)[1]?.split(/^## /m)[0] ?? '';
  const out = new Map<string, number>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !/^\d+$/.test(cells[1])) continue;
    for (const m of cells[3].matchAll(/`([a-z-]+)`/g)) out.set(m[1], Number(cells[1]));
  }
  return out;
}

let copies = 0;

/**
 * A private copy of the devloop project at the same depth below the repository as the
 * fixture, so its relative imports of src/ still resolve.
 */
export function copyDevloop(): { dir: string; remove: () => void } {
  const base = join(ROOT, '.db-manage', 'fault-runs', `${process.pid}-${copies++}`);
  const dir = join(base, 'devloop');
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  cpSync(DEVLOOP, dir, { recursive: true });
  return { dir, remove: () => rmSync(base, { recursive: true, force: true }) };
}

/** Names and contents of every file under `dir`, to show a failed command wrote nothing. */
export function treeDigest(dir: string): string {
  const lines: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const full = join(d, entry);
      if (entry === 'node_modules') continue;
      if (statSync(full).isDirectory()) walk(full);
      else lines.push(`${full.slice(dir.length)} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
    }
  };
  walk(dir);
  return lines.join('\n');
}

function sh(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes `dir` unwritable even for root, who ignores file modes: the immutable attribute
 * first, a read-only bind mount otherwise. Returns the undo, or null when neither works.
 */
export function makeReadOnly(dir: string): (() => void) | null {
  if (sh('chattr', ['+i', dir])) return () => void sh('chattr', ['-i', dir]);
  if (sh('mount', ['--bind', dir, dir]) && sh('mount', ['-o', 'remount,ro,bind', dir])) return () => void sh('umount', [dir]);
  return null;
}

/**
 * Mounts a 16 kB tmpfs on `dir`, copies its files back and fills what is left: the
 * next write fails with ENOSPC. Returns the unmount, or null without mount rights.
 */
export function fillDisk(dir: string): (() => void) | null {
  const saved = readdirSync(dir).map((f) => ({ f, data: readFileSync(join(dir, f)) }));
  if (!sh('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir])) return null;
  for (const { f, data } of saved) writeFileSync(join(dir, f), data);
  try {
    writeFileSync(join(dir, '.filler'), Buffer.alloc(64 * 1024));
  } catch {
    // full: exactly what the case wants
  }
  return () => void sh('umount', [dir]);
}

/** Whether this process may mount (root in a VM or a privileged container). */
export const canMount = (() => {
  const probe = join(ROOT, '.db-manage', `mount-probe-${process.pid}`);
  mkdirSync(probe, { recursive: true });
  const ok = sh('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', probe]);
  if (ok) sh('umount', [probe]);
  rmSync(probe, { recursive: true, force: true });
  return ok;
})();

/** Whether `makeReadOnly` really stops root here (probed once). */
export const makeReadOnlyWorks = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'dbm-ro-'));
  const undo = makeReadOnly(probe);
  let blocked = false;
  if (undo) {
    try {
      writeFileSync(join(probe, 'x'), 'x');
    } catch {
      blocked = true;
    }
    undo();
  }
  rmSync(probe, { recursive: true, force: true });
  return blocked;
})();

/** The devloop project's one migration, applied in the shared database. */
export const APPLIED = '1795292371211-InitialMigration.ts';

export function url(ctx: CaseContext, edit: (u: URL) => void): string {
  const u = new URL(ctx.db.url);
  edit(u);
  return u.toString();
}

export function migration(ctx: CaseContext, timestamp: number, name: string, body = `await queryRunner.query('SELECT 1');`): void {
  writeFileSync(
    join(ctx.dir, 'migrations', `${timestamp}-${name}.ts`),
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    ${body}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    ${body}
  }
}
`,
  );
}

export function dataSource(ctx: CaseContext, file: string, text: string): void {
  writeFileSync(join(ctx.dir, file), text);
}

export const DATA_SOURCE_WITH = (entities: string) => `import 'reflect-metadata';
import { DataSource } from 'typeorm';

export default new DataSource({
  type: 'postgres',
  entities: [${entities}],
  migrations: [\`\${__dirname}/migrations/*.ts\`],
});
`;

/** backup needs a pg_dump of the server's major version: here only the external server (15) has one. */
export const BACKUP_SERVER = 'external' as const;

export const mountSkip = () => (canMount ? false : 'this process may not mount a tmpfs (not root, or no CAP_SYS_ADMIN)');
