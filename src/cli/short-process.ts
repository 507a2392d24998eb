import { setFlagsFromString } from 'node:v8';

/**
 * A command is a short process that parses SQL with libpg-query's WebAssembly build. Part-way
 * through a large migration V8 would recompile the parser's hot functions (the grammar's one
 * huge function above all) with TurboFan: 25–30 MiB of compiler memory that RSS keeps, for a
 * parse that Liftoff's baseline code finishes anyway (bench/RESULTS.md, peak memory). So the
 * CLI keeps Liftoff's code. Only the CLI does this: the programmatic API never changes the
 * flags of a process it is a guest in. The flag exists from V8 9 on; an older V8 is left alone
 * (an unknown flag would print to stderr).
 */
export function tuneForShortProcess(): void {
  if (Number(process.versions.v8.split('.')[0]) >= 9) setFlagsFromString('--liftoff-only');
}

/**
 * pg (8.11 on) asks as it loads whether it runs in a Cloudflare Worker. Where there is no
 * `navigator` (Node before 21) it constructs a `Response` to find out, and the first touch of
 * that global loads Node's bundled fetch implementation: ~20 ms of a 0.4 s command, for an
 * answer that is always no here. Node 21 on answers from `navigator.userAgent`. So the CLI loads
 * pg's stream module once with the `navigator` Node 21 has, and takes it away again at once;
 * pg's client later finds the module loaded. A pg without the module is left to itself.
 */
export function loadPgStreamWithoutFetch(): void {
  if ('navigator' in globalThis) return;
  const userAgent = `Node.js/${process.versions.node.split('.')[0]}`;
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent }, configurable: true, writable: true });
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('pg/lib/stream');
  } catch {
    // pg before 8.11 has no stream module; pg not installed fails later, where it is needed.
  } finally {
    delete (globalThis as { navigator?: unknown }).navigator;
  }
}
