import { spawn } from 'node:child_process';
import { DbManageError } from '../errors/db-manage-error';
import { maskUrl } from '../config/mask-url';
import type { PgTool } from './pg-tool';

/** pg_dump's words for an output file it cannot create, write or close. */
const OUTPUT_FAILURE = /could not (open|write to|close|create) (the )?output file|No space left on device|Read-only file system|Disk quota exceeded/i;

/**
 * Runs a client program and keeps what it says on stderr. A non-zero exit becomes a
 * tool-failed error with the program's last lines, never its environment.
 */
export function runTool(tool: PgTool, args: readonly string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, args, {
      env: { ...process.env, ...env, PGCONNECT_TIMEOUT: '10', LC_ALL: 'C' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on('error', (cause) =>
      reject(new DbManageError('tool-missing', `cannot run ${tool.path}: ${cause.message}`, { cause, hint: 'Check the PostgreSQL client installation' })),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const lines = maskUrl(stderr).trim().split('\n').filter(Boolean);
      const last = lines.slice(-3).join(' / ') || `exit status ${code}`;
      const details = { tool: tool.path, exitCode: code, stderr: lines.slice(-20) };
      // The program ran fine but could not write its file: a full disk is not a broken tool.
      if (OUTPUT_FAILURE.test(last)) {
        reject(new DbManageError('io-failed', `${tool.name} could not write its output: ${last}`, { details, hint: 'Free some disk space, or write the file elsewhere' }));
        return;
      }
      reject(new DbManageError('tool-failed', `${tool.name} failed: ${last}`, { details }));
    });
  });
}
