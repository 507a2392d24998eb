import { join } from 'node:path';

/**
 * The environment that puts both caches a command keeps in one folder: the loader's compiled
 * TypeScript (DB_MANAGE_CACHE_DIR) and, on Node 22.1 on, Node's own compile cache
 * (NODE_COMPILE_CACHE, which the CLI turns on). An empty folder is a true first run; a folder
 * kept between runs is a warm one. Node 20 ignores the second.
 */
export function cachesIn(dir: string): Record<string, string> {
  return { DB_MANAGE_CACHE_DIR: dir, NODE_COMPILE_CACHE: join(dir, 'node-compile-cache') };
}
