import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './run-cli';

export const FIXTURES = join(ROOT, 'test', 'fixtures');

/** A copy of a fixture project that a test may edit; its imports resolve through a node_modules link. */
export interface FixtureProject {
  readonly dir: string;
  remove(): void;
}

export function copyFixture(name: string): FixtureProject {
  const dir = mkdtempSync(join(tmpdir(), `dbm-${name.replace(/\W+/g, '-')}-`));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
