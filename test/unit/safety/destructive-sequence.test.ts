import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { destructive } from '../../../src/api/destructive';
import type { ResolvedConnection } from '../../../src/engine/connection/resolve-connection';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import type { DestructionPlan } from '../../../src/engine/safety/destruction-plan';

const cwd = mkdtempSync(join(tmpdir(), 'dbm-destructive-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

const plan: DestructionPlan = { action: 'reset', database: 'app', schemas: [], tables: [{ schema: 'public', table: 'users', rows: 3 }], effect: 'will be dropped', notes: [] };
const local: ResolvedConnection = { kind: 'external', url: 'postgres://u@127.0.0.1:5432/app', serverAction: 'none', source: '--url' };
const remote: ResolvedConnection = { ...local, url: 'postgres://u@db.example.com:5432/app' };

/** Runs the sequence and returns which steps ran, in order, and how it ended. */
async function run(conn: ResolvedConnection, options: Parameters<typeof destructive>[0]) {
  const calls: string[] = [];
  let outcome: string;
  try {
    outcome = await destructive({ env: {}, cwd, snapshot: false, ...options }, {
      action: 'reset',
      conn,
      cwd,
      inspect: async () => {
        calls.push('inspect');
        return { plan };
      },
      act: async (_inspected, snapshot) => {
        calls.push(`act(${snapshot === null ? 'no snapshot' : snapshot.name})`);
        return 'done';
      },
    });
  } catch (err) {
    outcome = err instanceof DbManageError ? err.code : String(err);
  }
  return { calls, outcome };
}

test('a server that is not local is refused before anything is inspected', async () => {
  assert.deepEqual(await run(remote, { yes: true }), { calls: [], outcome: 'production-guard' });
});

test('NODE_ENV=production is refused even with --force', async () => {
  assert.deepEqual(await run(remote, { yes: true, force: true, env: { NODE_ENV: 'production' } }), { calls: [], outcome: 'production-guard' });
});

test('without --yes and without a terminal, the plan is inspected and nothing else runs', async () => {
  assert.deepEqual(await run(local, {}), { calls: ['inspect'], outcome: 'confirmation-required' });
});

test('a "no" at the prompt stops before the snapshot and the act, and the prompt sees the plan', async () => {
  let seen: DestructionPlan | undefined;
  const r = await run(local, { confirm: async (p) => ((seen = p), false) });
  assert.deepEqual(r, { calls: ['inspect'], outcome: 'aborted' });
  assert.deepEqual(seen, plan);
});

test('confirmed: inspect, then the act, in that order', async () => {
  assert.deepEqual(await run(local, { confirm: async () => true }), { calls: ['inspect', 'act(no snapshot)'], outcome: 'done' });
  assert.deepEqual(await run(remote, { yes: true, force: true }), { calls: ['inspect', 'act(no snapshot)'], outcome: 'done' });
});
