import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dataLossRefused } from '../../../src/engine/autogen/data-loss';
import { summarise } from '../../../src/engine/autogen/project-diff';
import { compare } from '../../../src/engine/diff/compare';
import { destructive } from '../../../src/engine/diff/destructive';
import type { Operation } from '../../../src/engine/diff/operations';
import { tableDefinition } from '../../../src/engine/diff/operations';
import { toSql } from '../../../src/engine/diff/to-sql';
import { column, model, table } from '../diff/models';

const ref = { schema: 'public', table: 'posts' };
const retype = (from: string, to: string): Operation => ({ kind: 'alter-column-type', ...ref, column: 'c', from, to, using: `"c"::${to}`, reverseUsing: `"c"::${from}` });

describe('data loss classification', () => {
  test('drops of tables, columns, schemas and enum values lose data', () => {
    assert.match(destructive({ kind: 'drop-table', table: tableDefinition(table('public', 'posts')) }) ?? '', /drops table public\.posts/);
    assert.match(destructive({ kind: 'drop-column', ...ref, column: column('phone', 'text') }) ?? '', /drops column public\.posts\.phone/);
    assert.match(destructive({ kind: 'drop-schema', schema: 'analytics' }) ?? '', /drops schema analytics/);
    const e = (values: string[]) => ({ schema: 'public', name: 'role', values });
    assert.match(destructive({ kind: 'recreate-enum', from: e(['a', 'b']), to: e(['a']), usages: [] }) ?? '', /removes 'b'/);
    assert.equal(destructive({ kind: 'recreate-enum', from: e(['a']), to: e(['b', 'a']), usages: [] }), null);
  });

  test('narrowing type changes lose data; widening ones do not', () => {
    const narrowing: [string, string][] = [
      ['character varying(300)', 'character varying(200)'], // shorter varchar
      ['numeric(12,2)', 'numeric(8,2)'], // smaller numeric
      ['numeric(10,4)', 'numeric(10,2)'], // fewer decimals
      ['text', 'character varying(200)'], // text → bounded varchar
      ['character varying(20)', 'integer'], // a cast that can fail
      ['text', 'uuid'],
      ['bigint', 'integer'],
      ['double precision', 'real'],
      ['timestamp with time zone', 'date'],
    ];
    for (const [from, to] of narrowing) assert.match(destructive(retype(from, to)) ?? '', /can reject values that do not fit or round them/, `${from} → ${to}`);
    const widening: [string, string][] = [
      ['character varying(200)', 'character varying(300)'],
      ['character varying(200)', 'text'],
      ['text', 'character varying'],
      ['integer', 'text'],
      ['integer', 'bigint'],
      ['numeric(8,2)', 'numeric(12,2)'],
    ];
    for (const [from, to] of widening) assert.equal(destructive(retype(from, to)), null, `${from} → ${to}`);
  });

  test('renames, adds and index changes lose nothing', () => {
    assert.equal(destructive({ kind: 'rename-column', ...ref, from: 'a', to: 'b' }), null);
    assert.equal(destructive({ kind: 'rename-table', schema: 'public', from: 'a', to: 'b' }), null);
    assert.equal(destructive({ kind: 'add-column', ...ref, column: column('a', 'text') }), null);
  });

  test('a length or type change is ALTER COLUMN … TYPE … USING in place, never a drop and an add', () => {
    const t = (type: string) => table('public', 'posts', { columns: [column('id', 'integer'), column('title', type, { default: "''" })] });
    for (const [from, to] of [['character varying(200)', 'character varying(300)'], ['character varying(300)', 'character varying(200)'], ['text', 'integer'], ['integer', 'bigint']]) {
      const ops = compare(model({ tables: [t(to)] }), model({ tables: [t(from)] }));
      assert.ok(!ops.some((o) => o.kind === 'drop-column' || o.kind === 'add-column'), `${from} → ${to}`);
      const sql = ops.flatMap(toSql);
      // The cast names no varchar length: a value too long stops the migration instead of being cut.
      const cast = to.replace(/^character varying\(\d+\)$/, 'character varying');
      assert.ok(sql.includes(`ALTER TABLE "public"."posts" ALTER COLUMN "title" TYPE ${to} USING "title"::${cast}`), sql.join('\n'));
    }
  });

  test('the refusal names the loss, and --rename when a possible rename went unanswered', () => {
    const losses = summarise([{ kind: 'drop-column', schema: 'public', table: 'users', column: column('username', 'text') }]);
    const plain = dataLossRefused(losses, []);
    assert.equal(plain.code, 'data-loss-refused');
    assert.match(plain.message, /would lose data: drops column public\.users\.username and its values; nothing was written/);
    assert.match(plain.hint ?? '', /--allow-data-loss/);
    const rename = dataLossRefused(losses, [{ kind: 'column', from: 'public.users.username', to: 'public.users.handle', option: 'users.username:handle' }]);
    assert.match(rename.hint ?? '', /If public\.users\.username was renamed to handle, pass --rename users\.username:handle/);
    assert.match(rename.hint ?? '', /--allow-data-loss/);
  });
});
