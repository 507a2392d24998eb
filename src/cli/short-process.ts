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
