import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { parseShard, parseTargets, shardOf } from '../../../src/engine/fleet/fleet-targets';
import { runFleet } from '../../../src/engine/fleet/run-fleet';
import { seededRandom } from '../../support/fault-trials';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return err instanceof DbManageError ? `${err.code}: ${err.message}` : String(err);
  }
  return 'no error';
};

test('targets: URLs and schema= lines, comments and blank lines, passwords masked in names', () => {
  const targets = parseTargets('# fleet\n\npostgres://app:s3cret@db1/acme  # big one\npostgresql://app@db2:6543/globex\nschema=tenant_a\n', 'tenants.txt');
  assert.deepEqual(targets.map((t) => [t.kind, t.name, t.line]), [
    ['database', 'postgres://app:***@db1/acme', 3],
    ['database', 'postgresql://app@db2:6543/globex', 4],
    ['schema', 'schema=tenant_a', 5],
  ]);
});

test('a bad line or the same database twice is one config-invalid line with its number, the password masked', () => {
  assert.equal(code(() => parseTargets('postgres://a@h/x\nmysql://root:pw@h/y', 'f')), 'config-invalid: f line 2: not a postgres:// URL or schema=NAME: mysql://root:***@h/y');
  assert.equal(code(() => parseTargets('postgres://a:one@h/x\npostgres://b:two@h:5432/x', 'f')), 'config-invalid: f line 2: the same target as line 1: postgres://b:***@h:5432/x');
  assert.equal(code(() => parseTargets('# nothing\n', 'stdin')), 'config-invalid: stdin lists no targets');
});

test('shards: N parts cover every target exactly once, and a target keeps its part when others come and go', () => {
  const random = seededRandom(7);
  const lines = Array.from({ length: 300 }, (_, i) => `postgres://u@host${Math.floor(random() * 5)}:${5432 + i}/tenant_${i}`);
  const targets = parseTargets(lines.join('\n'), 't');
  for (const count of [1, 2, 3, 7]) {
    const parts = Array.from({ length: count }, (_, i) => shardOf(targets, { index: i + 1, count }).map((t) => t.line));
    const all = parts.flat().sort((a, b) => a - b);
    assert.deepEqual(all, targets.map((t) => t.line), `${count} shards`);
    if (count > 1) assert.ok(parts.every((p) => p.length > 0), 'no empty shard among 300 targets');
  }
  const fewer = parseTargets(lines.slice(100).join('\n'), 't');
  const before = new Set(shardOf(targets, { index: 2, count: 3 }).map((t) => t.name));
  for (const t of shardOf(fewer, { index: 2, count: 3 })) assert.ok(before.has(t.name), `${t.name} moved to another shard`);
  assert.equal(code(() => parseShard('0/3')), 'usage: --shard 0/3 is not I/N with 1 ≤ I ≤ N');
  assert.deepEqual(parseShard(' 2 / 4 '), { index: 2, count: 4 });
});

test('run: at most N at once, in order; a failure stops new starts unless continueOnError; a failing canary always stops', async () => {
  const targets = parseTargets(Array.from({ length: 10 }, (_, i) => `postgres://u@h/t${i}`).join('\n'), 't');
  let running = 0;
  let peak = 0;
  const task = (fail: Set<number>) => async (t: (typeof targets)[number]) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, 5));
    running--;
    if (fail.has(t.line)) throw new Error(`t${t.line} failed`);
    return t.line;
  };
  const all = await runFleet(targets, { concurrency: 3 }, task(new Set()));
  assert.deepEqual([all.every((o) => o.status === 'ok'), peak], [true, 3]);
  const stopped = await runFleet(targets, { concurrency: 1 }, task(new Set([3])));
  assert.deepEqual(stopped.map((o) => o.status), ['ok', 'ok', 'failed', ...Array(7).fill('skipped')]);
  const onward = await runFleet(targets, { concurrency: 2, continueOnError: true }, task(new Set([3, 8])));
  assert.deepEqual(onward.filter((o) => o.status !== 'ok').map((o) => o.target.line), [3, 8]);
  const canary = await runFleet(targets, { concurrency: 4, canary: 2, continueOnError: true }, task(new Set([2])));
  assert.deepEqual(canary.map((o) => o.status), ['ok', 'failed', ...Array(8).fill('skipped')]);
});

test('a schema name PostgreSQL would cut, a reserved one or one TypeORM cannot quote is refused with its line', () => {
  const refused = (name: string) => {
    try {
      parseTargets(`schema=ok\nschema=${name}\n`, 't.txt');
    } catch (err) {
      return (err as Error).message;
    }
    return 'accepted';
  };
  assert.match(refused('é'.repeat(32)), /^t\.txt line 2: a schema name longer than 63 bytes/);
  assert.match(refused('pg_tenant'), /^t\.txt line 2: not a name a schema can have/);
  assert.match(refused('Acme "EU"'), /^t\.txt line 2: a schema name with a double quote/);
  assert.equal(refused('Acme Corp EU'), 'accepted');
  assert.equal(refused('ü'.repeat(31)), 'accepted');
});

test('run: a failure stopsTheRun says is harmless does not stop new starts, except in the canary', async () => {
  const targets = parseTargets(['a', 'b', 'c', 'd'].map((s) => `schema=${s}`).join('\n'), 't');
  const unreachable = new Error('unreachable');
  const task = async (t: { name: string }) => {
    if (t.name === 'schema=a' || t.name === 'schema=b') throw unreachable;
    return t.name;
  };
  const stopsTheRun = (err: unknown) => err !== unreachable;
  const goesOn = await runFleet(targets, { concurrency: 1, stopsTheRun }, task);
  assert.deepEqual(goesOn.map((o) => o.status), ['failed', 'failed', 'ok', 'ok']);
  const canary = await runFleet(targets, { concurrency: 1, stopsTheRun, canary: 1 }, task);
  assert.deepEqual(canary.map((o) => o.status), ['failed', 'skipped', 'skipped', 'skipped']);
});
