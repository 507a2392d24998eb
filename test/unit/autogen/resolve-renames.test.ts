import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRenameOption, resolveRenames } from '../../../src/engine/autogen/resolve-renames';
import type { RenameCandidate } from '../../../src/engine/diff/renames';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { column, model, table } from '../diff/models';

const users = (...names: [string, string][]) => table('public', 'users', { columns: [column('id', 'integer'), ...names.map(([n, t]) => column(n, t))] });
const actual = model({ tables: [users(['username', 'character varying(80)'], ['bio', 'text'])] });
const desired = model({ tables: [users(['handle', 'character varying(80)'], ['nick', 'character varying(80)'], ['about', 'character varying(10)'])] });
const answers = (...texts: string[]) => texts.map(parseRenameOption);

describe('resolveRenames', () => {
  test('--rename answers without a question; users.username and public.users.username both work', async () => {
    for (const text of ['users.username:handle', 'public.users.username:handle']) {
      const asked: RenameCandidate[] = [];
      const r = await resolveRenames(desired, actual, { answers: answers(text), ask: async (c) => (asked.push(c), false) });
      assert.deepEqual(r.renames, [{ kind: 'column', schema: 'public', table: 'users', from: 'username', to: 'handle' }]);
      assert.deepEqual(r.operations.filter((o) => o.kind === 'rename-column').length, 1);
      assert.ok(!r.operations.some((o) => o.kind === 'drop-column' && o.column.name === 'username'));
      // bio → about narrows text to varchar(10): not compatible, so not asked.
      assert.deepEqual(asked, [], 'username is answered, and bio has no compatible partner');
    }
  });

  test('asks about each compatible pair until one is confirmed; the answer "no" leaves a drop and an add', async () => {
    const asked: string[] = [];
    const r = await resolveRenames(desired, actual, { ask: async (c) => (asked.push(`${c.from}→${c.to}`), c.to === 'nick') });
    assert.deepEqual(asked, ['username→handle', 'username→nick']);
    assert.deepEqual(r.renames.map((x) => `${x.from}→${x.to}`), ['username→nick']);
    assert.deepEqual(r.unanswered, []);
    const none = await resolveRenames(desired, actual, { ask: async () => false });
    assert.ok(none.operations.some((o) => o.kind === 'drop-column'));
  });

  test('without answers or a way to ask, compatible pairs come back unanswered and stay a drop and an add', async () => {
    const r = await resolveRenames(desired, actual);
    assert.deepEqual(r.renames, []);
    assert.deepEqual(r.unanswered.map((c) => `${c.from}→${c.to}`), ['username→handle', 'username→nick']);
    assert.ok(r.operations.some((o) => o.kind === 'drop-column' && o.column.name === 'username'));
  });

  test('an explicit rename may change the type: rename, then ALTER TYPE', async () => {
    const r = await resolveRenames(desired, actual, { answers: answers('users.bio:about') });
    const kinds = r.operations.filter((o) => o.kind !== 'add-column' && o.kind !== 'drop-column').map((o) => o.kind);
    assert.deepEqual(kinds, ['rename-column', 'alter-column-type']);
  });

  test('an answer that matches nothing is a usage error naming what could be renamed', async () => {
    await assert.rejects(resolveRenames(desired, actual, { answers: answers('users.usernme:handle') }), (e: unknown) => {
      assert.ok(e instanceof DbManageError);
      assert.equal(e.code, 'usage');
      assert.match(e.message, /--rename users\.usernme:handle matches no dropped/);
      assert.match(e.hint ?? '', /users\.username:handle/);
      return true;
    });
  });

  test('a table rename first, then a column of it, named by the old or the new table', async () => {
    const posts = table('public', 'posts', { columns: [column('id', 'integer'), column('title', 'text')] });
    const articles = table('public', 'articles', { columns: [column('id', 'integer'), column('headline', 'text')] });
    for (const col of ['posts.title:headline', 'articles.title:headline']) {
      const r = await resolveRenames(model({ tables: [articles] }), model({ tables: [posts] }), { answers: answers('posts:articles', col) });
      assert.deepEqual(r.operations.map((o) => o.kind), ['rename-table', 'rename-column', 'rename-constraint']);
    }
  });

  test('--rename values must be old:new', () => {
    assert.deepEqual(parseRenameOption('users.username:handle'), { text: 'users.username:handle', from: 'users.username', to: 'handle' });
    for (const bad of ['users.username', 'a:b:c', ':x', 'a b:c']) assert.throws(() => parseRenameOption(bad), /is not table\.old:new/);
  });

  test('--rename may give the names the entities declare; PostgreSQL keeps 63 bytes of each (fuzz seed 129)', () => {
    const long = 'ein_spaltenname_der_über_die_grenze_von_dreiundsechzig_bytes_hinausgeht';
    const parsed = parseRenameOption(`bestellung.${long}:menge`);
    assert.equal(parsed.from, `bestellung.${long.slice(0, 62)}`);
    assert.equal(Buffer.byteLength(parsed.from.split('.')[1]), 63);
    assert.equal(parseRenameOption(`t.a:${long}`).to, long.slice(0, 62));
  });
});
