import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/bench-servers';
import { runTimed } from '../support/run-timed';

/** Pinned so the ts-node figures are comparable between runs. */
export const TS_NODE_VERSION = '10.9.2';
/** Outside the repository's dependencies: the project itself never needs ts-node. Gitignored. */
export const TOOLS_DIR = join(ROOT, '.db-manage', 'bench-tools');

export type TsNodeTool = { readonly available: true; readonly nodePath: string; readonly version: string } | { readonly available: false; readonly reason: string };

/** Finds ts-node in the bench tools folder, installing it from the registry with npm when missing. */
export function ensureTsNode(install: boolean): TsNodeTool {
  if (!install) return { available: false, reason: 'skipped with --no-ts-node' };
  const modules = join(TOOLS_DIR, 'node_modules');
  const found = () => existsSync(join(modules, 'ts-node', 'package.json'));
  if (!found()) {
    mkdirSync(TOOLS_DIR, { recursive: true });
    process.stderr.write(`  installing ts-node@${TS_NODE_VERSION} into ${TOOLS_DIR} (npm)\n`);
    const res = runTimed('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', TOOLS_DIR, `ts-node@${TS_NODE_VERSION}`], {
      cwd: TOOLS_DIR,
      timeoutMs: 180_000,
    });
    if (res.status !== 0) {
      const why = `${res.stderr}`.split('\n').filter((l) => /ERR/.test(l)).slice(0, 2).join(' ');
      return { available: false, reason: `npm could not install ts-node@${TS_NODE_VERSION} from the registry (${why || `exit ${res.status}`})` };
    }
  }
  if (!found()) return { available: false, reason: 'ts-node did not install' };
  return { available: true, nodePath: modules, version: TS_NODE_VERSION };
}
