import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { DbManageError } from '../errors/db-manage-error';
import { sourceLoadError } from '../project/load-data-source';
import type { SeedModule } from './seed-module';

export const DEFAULT_SEEDS = 'src/seeds/index.ts';

function isSeed(value: unknown): value is SeedModule {
  return typeof value === 'object' && value !== null && typeof (value as SeedModule).name === 'string' && typeof (value as SeedModule).run === 'function';
}

/** Loads the project's seed registry: a module exporting `seeds` (or default) as an array of {name, run}. */
export function loadSeeds(cwd: string, path = DEFAULT_SEEDS): { file: string; seeds: SeedModule[] } {
  const file = isAbsolute(path) ? path : resolve(cwd, path);
  const shown = relative(cwd, file) || file;
  if (!existsSync(file)) {
    throw new DbManageError('config-not-found', `seed registry not found: ${shown}`, {
      hint: `Create ${DEFAULT_SEEDS} exporting \`seeds\`, an array of { name, run(ctx) }, or pass --seeds path`,
    });
  }
  require('../../loader/register');
  let mod: Record<string, unknown>;
  try {
    mod = require(file) as Record<string, unknown>;
  } catch (cause) {
    throw sourceLoadError(cause, `cannot load seeds from ${shown}`);
  }
  const list = mod.seeds ?? mod.default;
  if (!Array.isArray(list) || !list.every(isSeed)) {
    throw new DbManageError('config-invalid', `${shown} must export \`seeds\`: an array of { name, run(ctx) }`, {
      hint: 'export const seeds = [users, posts];',
    });
  }
  const names = list.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new DbManageError('config-invalid', `${shown} lists the seed ${JSON.stringify(dup)} twice`);
  return { file, seeds: list };
}

/** Picks the named seeds, in registry order; an unknown name lists the valid ones. */
export function selectSeeds(seeds: readonly SeedModule[], only: readonly string[] | undefined): SeedModule[] {
  if (!only || only.length === 0) return [...seeds];
  const valid = seeds.map((s) => s.name);
  const unknown = only.find((n) => !valid.includes(n));
  if (unknown) {
    throw new DbManageError('name-not-found', `no seed named ${JSON.stringify(unknown)}`, { hint: `Seeds: ${valid.join(', ')}`, details: { valid } });
  }
  return seeds.filter((s) => only.includes(s.name));
}
