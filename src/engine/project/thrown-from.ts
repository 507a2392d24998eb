import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** db-manage's own code: a frame here is the toolkit loading the user's file, not the user's file. */
const TOOLKIT_DIRS = ['engine', 'loader', 'api', 'cli'].map((d) => join(resolve(__dirname, '..', '..'), d) + sep);

const FRAME = /(?:\(|\bat )((?:\/|[A-Za-z]:\\)[^():\n]+?\.[cm]?[jt]sx?):\d+:\d+/g;

/**
 * The user's file an error was thrown from, read from its stack: the first frame outside
 * node_modules and outside db-manage. A migration or an entity that throws while TypeORM
 * imports it is otherwise reported without saying which of a hundred files it was.
 */
export function thrownFrom(stack: string | undefined, toolkitDirs: readonly string[] = TOOLKIT_DIRS): string | null {
  for (const m of (stack ?? '').matchAll(FRAME)) {
    const file = m[1];
    if (file.includes(`${sep}node_modules${sep}`) || toolkitDirs.some((d) => file.startsWith(d))) continue;
    return file;
  }
  return null;
}

/** `file` relative to `cwd` when it lies inside it, else as it is. */
export function shownPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
