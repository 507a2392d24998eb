import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DbManageError } from '../errors/db-manage-error';
import { findDataSource } from '../project/find-data-source';
import { loadDataSource } from '../project/load-data-source';
import { DEFAULT_MIGRATIONS_DIR, migrationsDir } from '../project/migrations-dir';
import { ENV_EXAMPLE, GITIGNORE_LINES, dataSourceTemplate } from './templates';

export interface ScaffoldEntry {
  readonly path: string;
  readonly action: 'created' | 'exists' | 'updated';
}

function write(path: string, text: string): void {
  try {
    writeFileSync(path, text, { flag: 'wx' });
  } catch (cause) {
    throw new DbManageError('io-failed', `cannot write ${path}: ${(cause as Error).message}`, { cause, hint: 'Check the folder permissions and free space' });
  }
}

/** Creates what a project needs and leaves everything that exists untouched. */
export async function scaffoldProject(cwd: string, datasource?: string): Promise<ScaffoldEntry[]> {
  const entries: ScaffoldEntry[] = [];
  const rel = (p: string) => relative(cwd, p) || '.';
  const dsFile = findDataSource(cwd, datasource).file;
  let migrations = join(cwd, DEFAULT_MIGRATIONS_DIR);
  if (existsSync(dsFile)) {
    entries.push({ path: rel(dsFile), action: 'exists' });
    try {
      migrations = migrationsDir((await loadDataSource(cwd, datasource)).options, cwd);
    } catch {
      // A data source that does not load yet (dependencies not installed) still has
      // the conventional folder; the commands that need it report the load error.
    }
  } else {
    mkdirSync(join(dsFile, '..'), { recursive: true });
    write(dsFile, dataSourceTemplate(`${DEFAULT_MIGRATIONS_DIR}/*.ts`));
    entries.push({ path: rel(dsFile), action: 'created' });
  }
  if (existsSync(migrations)) {
    entries.push({ path: rel(migrations), action: 'exists' });
  } else {
    mkdirSync(migrations, { recursive: true });
    write(join(migrations, '.gitkeep'), '');
    entries.push({ path: rel(migrations), action: 'created' });
  }
  const envExample = join(cwd, '.env.example');
  if (existsSync(envExample)) {
    entries.push({ path: '.env.example', action: 'exists' });
  } else {
    write(envExample, ENV_EXAMPLE);
    entries.push({ path: '.env.example', action: 'created' });
  }
  const gitignore = join(cwd, '.gitignore');
  const current = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : null;
  const missing = GITIGNORE_LINES.filter((l) => !(current ?? '').split('\n').some((x) => x.trim() === l || x.trim() === l.replace(/\/$/, '')));
  if (current === null) {
    write(gitignore, `${GITIGNORE_LINES.join('\n')}\n`);
    entries.push({ path: '.gitignore', action: 'created' });
  } else if (missing.length > 0) {
    appendFileSync(gitignore, `${current.endsWith('\n') ? '' : '\n'}${missing.join('\n')}\n`);
    entries.push({ path: '.gitignore', action: 'updated' });
  } else {
    entries.push({ path: '.gitignore', action: 'exists' });
  }
  return entries;
}
