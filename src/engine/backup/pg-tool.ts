import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { DbManageError } from '../errors/db-manage-error';
import { commandLine } from '../text/command-line';

export type ToolName = 'pg_dump' | 'pg_restore' | 'psql';

/** A PostgreSQL client program found on this machine. */
export interface PgTool {
  readonly name: ToolName;
  readonly path: string;
  /** e.g. "15.20" */
  readonly version: string;
  readonly major: number;
}

/** Reads `pg_dump (PostgreSQL) 15.20 (Debian …)`; also 9.6.24-style versions. */
export function parseToolVersion(output: string): { version: string; major: number } | null {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(output);
  if (!match) return null;
  const first = Number(match[1]);
  const major = first < 10 && match[2] !== undefined ? Number(`${first}.${match[2]}`) : first;
  const version = [match[1], match[2], match[3]].filter((p) => p !== undefined).join('.');
  return { version, major };
}

/**
 * Where a client program of the wanted major version may live: an explicit folder,
 * PATH, then the versioned folders of Debian/Ubuntu, RHEL and Homebrew, so a matching
 * client is found even when PATH's default is another version.
 */
export function toolCandidates(name: ToolName, serverMajor: number, env: Readonly<Record<string, string | undefined>>): string[] {
  const dirs = [
    ...(env.DB_MANAGE_PG_BINDIR ? [env.DB_MANAGE_PG_BINDIR] : []),
    ...(env.PATH ?? '').split(delimiter).filter(Boolean),
    `/usr/lib/postgresql/${serverMajor}/bin`,
    `/usr/pgsql-${serverMajor}/bin`,
    `/opt/homebrew/opt/postgresql@${serverMajor}/bin`,
    `/usr/local/opt/postgresql@${serverMajor}/bin`,
  ];
  return [...new Set(dirs.map((d) => join(d, name)))];
}

/** The first tool whose major version is the server's, or null. */
export function chooseTool(found: readonly PgTool[], serverMajor: number): PgTool | null {
  return found.find((t) => t.major === serverMajor) ?? null;
}

function versionOf(path: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(path, ['--version'], { timeout: 10_000 }, (err, stdout) => resolve(err ? '' : String(stdout)));
  });
}

/** Probes the candidates (each distinct file once) and returns what answered. */
export async function probeTools(name: ToolName, serverMajor: number, env: Readonly<Record<string, string | undefined>>): Promise<PgTool[]> {
  const seen = new Set<string>();
  const out: PgTool[] = [];
  for (const candidate of toolCandidates(name, serverMajor, env)) {
    if (!existsSync(candidate)) continue;
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      continue;
    }
    // Debian's pg_wrapper is one script behind many names; key it by what it reports.
    const parsed = parseToolVersion(await versionOf(candidate));
    const key = `${real}:${parsed?.version ?? ''}`;
    if (seen.has(key) || !parsed) continue;
    seen.add(key);
    out.push({ name, path: candidate, ...parsed });
  }
  return out;
}

/** Finds a client program matching the server's major version, or says exactly what is needed. */
export async function requireTool(
  name: ToolName,
  server: { readonly version: string; readonly major: number },
  purpose: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<PgTool> {
  const found = await probeTools(name, server.major, env);
  const chosen = chooseTool(found, server.major);
  if (chosen) return chosen;
  throw toolMissing(name, server, purpose, found);
}

export function toolMissing(
  name: ToolName,
  server: { readonly version: string; readonly major: number },
  purpose: string,
  found: readonly PgTool[],
): DbManageError {
  const seen = found.length > 0 ? `; found ${found.map((t) => `${name} ${t.version} at ${t.path}`).join(', ')}` : `; no ${name} was found`;
  return new DbManageError('tool-missing', `${purpose} needs ${name} ${server.major} to match the server (PostgreSQL ${server.version})${seen}`, {
    hint: `Install the PostgreSQL ${server.major} client tools (or set DB_MANAGE_PG_BINDIR to their folder), or use ${commandLine('snapshot')}, which needs no client tools`,
    details: { tool: name, neededMajor: server.major, found: found.map((t) => ({ path: t.path, version: t.version })) },
  });
}
