import { spawn } from 'node:child_process';
import { DbManageError } from '../errors/db-manage-error';
import { maskUrl } from '../config/mask-url';
import type { PgTool } from './pg-tool';

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
      reject(new DbManageError('tool-failed', `${tool.name} failed: ${last}`, { details: { tool: tool.path, exitCode: code, stderr: lines.slice(-20) } }));
    });
  });
}
