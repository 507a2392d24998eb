import { scaffoldProject, type ScaffoldEntry } from '../engine/scaffold/scaffold-project';
import type { ApiOptions } from './api-options';

export interface InitReport {
  readonly entries: readonly ScaffoldEntry[];
  /** True when init created or updated anything. */
  readonly changed: boolean;
}

/** Scaffolds a data source, a migrations folder, .env.example and .gitignore entries; never overwrites. */
export async function init(options: ApiOptions = {}): Promise<InitReport> {
  const entries = await scaffoldProject(options.cwd ?? process.cwd(), options.datasource);
  return { entries, changed: entries.some((e) => e.action !== 'exists') };
}
