// Writes a synthetic TypeORM project of N entities for the benchmarks.
// Usage: node -r ./src/loader/register.js bench/synthetic/generate-project.ts [--entities 300] [--out dir]
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DATA_SOURCE, PACKAGE_JSON, TSCONFIG, renderEntity } from './render-project';
import { modelCensus, syntheticModel } from './synthetic-model';

const REPO_NODE_MODULES = resolve(__dirname, '..', '..', 'node_modules');

export interface SyntheticProject {
  readonly dir: string;
  readonly entities: number;
  readonly census: Record<string, number>;
  /** Removes the project folder. */
  remove(): void;
}

/**
 * A fresh folder with data-source.ts, entities/, an empty migrations/, a tsconfig.json and a
 * node_modules link to this repository's, so typeorm, pg and @types/node resolve as usual.
 */
export function generateProject(entities = 300, out?: string): SyntheticProject {
  const dir = out ? resolve(out) : mkdtempSync(join(tmpdir(), `bench-synthetic-${entities}-`));
  rmSync(join(dir, 'entities'), { recursive: true, force: true });
  rmSync(join(dir, 'migrations'), { recursive: true, force: true });
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  mkdirSync(join(dir, 'entities'), { recursive: true });
  mkdirSync(join(dir, 'migrations'), { recursive: true });
  const model = syntheticModel(entities);
  for (const spec of model) writeFileSync(join(dir, 'entities', `${spec.fileName}.ts`), renderEntity(spec));
  writeFileSync(join(dir, 'data-source.ts'), DATA_SOURCE);
  writeFileSync(join(dir, 'tsconfig.json'), TSCONFIG);
  writeFileSync(join(dir, 'package.json'), PACKAGE_JSON);
  rmSync(join(dir, 'node_modules'), { force: true });
  symlinkSync(REPO_NODE_MODULES, join(dir, 'node_modules'), 'dir');
  return { dir, entities, census: modelCensus(model), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

if (require.main === module) {
  const at = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const project = generateProject(Number(at('entities') ?? 300), at('out'));
  process.stdout.write(`${project.dir}\n${JSON.stringify(project.census, null, 2)}\n`);
}
