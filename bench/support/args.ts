/** `--name value` from argv as a number ≥ 0, or the default. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) return fallback;
  const value = Number(process.argv[i + 1]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function flagArg(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** This run's command line for `script` (e.g. bench/cold-start.ts), without --results: what reruns the section it writes. */
export function rerunCommand(script: string): string {
  const args = process.argv.slice(2);
  const at = args.indexOf('--results');
  if (at >= 0) args.splice(at, 2);
  return ['node -r ./src/loader/register.js', script, ...args].join(' ');
}

export function stringArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : undefined;
}
