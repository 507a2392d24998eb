import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { compare } from '../../../src/engine/diff/compare';
import type { Operation } from '../../../src/engine/diff/operations';
import { compareWithRenames, renameCandidates } from '../../../src/engine/diff/renames';
import { reverse, reverseAll } from '../../../src/engine/diff/reverse';
import { toSql } from '../../../src/engine/diff/to-sql';
import type { ForeignKeyModel, TableModel } from '../../../src/engine/model/schema-model';
import { column, model, table } from './models';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

// Expressions compare by PostgreSQL's parse tree.
before(() => loadSqlParser());

const users = (name: string, type = 'character varying(80)', uq = 'UQ_username'): TableModel =>
  table('public', 'users', {
    columns: [column('id', 'integer', { generated: 'serial' }), column(name, type), column('email', 'text')],
    uniques: [{ name: uq, columns: [name], deferrable: null }],
  });

const fkTo = (name: string, target: string): ForeignKeyModel => ({
  name,
  columns: ['postId'],
  referencedSchema: 'public',
  referencedTable: target,
  referencedColumns: ['id'],
  onDelete: 'CASCADE',
  onUpdate: 'NO ACTION',
  deferrable: null,
});

describe('rename candidates', () => {
  test('a dropped and an added column in one table; compatible when the new type holds the old values', () => {
    const desired = model({ tables: [users('handle', 'character varying(100)')] });
    const actual = model({ tables: [users('username')] });
    const candidates = renameCandidates(compare(desired, actual));
    assert.deepEqual(candidates, [
      { kind: 'column', schema: 'public', table: 'users', from: 'username', to: 'handle', compatible: true, fromType: 'character varying(80)', toType: 'character varying(100)' },
    ]);
    const narrowed = renameCandidates(compare(model({ tables: [users('handle', 'character varying(20)')] }), actual));
    assert.equal(narrowed[0].compatible, false);
    const other = renameCandidates(compare(model({ tables: [users('username'), table('public', 'tags')] }), model({ tables: [users('username')] })));
    assert.deepEqual(other, [], 'an added table with nothing dropped is no candidate');
  });

  test('a dropped and a created table in the same schema; compatible when every old column survives', () => {
    const posts = table('public', 'posts', { columns: [column('id', 'integer', { generated: 'serial' }), column('title', 'character varying(200)')] });
    const articles = { ...posts, name: 'articles', columns: [...posts.columns, column('summary', 'text', { nullable: true })] };
    const [candidate] = renameCandidates(compare(model({ tables: [articles] }), model({ tables: [posts] })));
    assert.deepEqual(candidate, { kind: 'table', schema: 'public', from: 'posts', to: 'articles', compatible: true });
    const lost = { ...articles, columns: [articles.columns[0]] };
    assert.equal(renameCandidates(compare(model({ tables: [lost] }), model({ tables: [posts] })))[0].compatible, false);
  });
});

describe('compareWithRenames', () => {
  test('a column rename keeps the data: RENAME COLUMN, and the unique constraint follows its new name', () => {
    const ops = compareWithRenames(model({ tables: [users('handle', 'character varying(80)', 'UQ_handle')] }), model({ tables: [users('username')] }), [
      { kind: 'column', schema: 'public', table: 'users', from: 'username', to: 'handle' },
    ]);
    assert.deepEqual(ops.map((o) => o.kind), ['rename-column', 'rename-constraint']);
    assert.deepEqual(ops.flatMap(toSql), [
      'ALTER TABLE "public"."users" RENAME COLUMN "username" TO "handle"',
      'ALTER TABLE "public"."users" RENAME CONSTRAINT "UQ_username" TO "UQ_handle"',
    ]);
    assert.deepEqual(reverseAll(ops).flatMap(toSql), [
      'ALTER TABLE "public"."users" RENAME CONSTRAINT "UQ_handle" TO "UQ_username"',
      'ALTER TABLE "public"."users" RENAME COLUMN "handle" TO "username"',
    ]);
  });

  test('expressions follow a renamed column as PostgreSQL rewrites them: a partial index, check, exclusion and generated column stay (fuzz seeds 120, 123)', () => {
    const reader = (name: string) =>
      table('public', 'parcel', {
        columns: [column('id', 'integer', { generated: 'serial' }), column(name, 'int4range'), column('twice', 'integer', { expression: `upper("${name}") * 2` })],
        indexes: [{ name: 'IX_span', columns: ['id'], unique: false, where: `${name} IS NOT NULL`, method: 'btree' }],
        checks: [{ name: 'CHK_span', expression: `NOT isempty("${name}")` }],
        exclusions: [{ name: 'EX_span', expression: `USING gist (${name} WITH &&)`, deferrable: null }],
      });
    const ops = compareWithRenames(model({ tables: [reader('period')] }), model({ tables: [reader('span')] }), [
      { kind: 'column', schema: 'public', table: 'parcel', from: 'span', to: 'period' },
    ]);
    assert.deepEqual(ops.map((o) => o.kind), ['rename-column']);
    assert.deepEqual(reverseAll(ops).map((o) => o.kind), ['rename-column']);
  });

  test('a rename to a wider type renames, then changes the type in place', () => {
    const ops = compareWithRenames(model({ tables: [users('handle', 'character varying(120)', 'UQ_username')] }), model({ tables: [users('username')] }), [
      { kind: 'column', schema: 'public', table: 'users', from: 'username', to: 'handle' },
    ]);
    assert.deepEqual(ops.map((o) => o.kind), ['rename-column', 'alter-column-type']);
    // The cast names no length: a value too long for the column stops the migration rather than being cut.
    assert.match(toSql(ops[1])[0], /ALTER COLUMN "handle" TYPE character varying\(120\) USING "handle"::character varying$/);
  });

  test('a table rename: RENAME TO, its keys and indexes follow, foreign keys elsewhere keep pointing at it', () => {
    const posts = table('public', 'posts', {
      columns: [column('id', 'integer', { generated: 'serial' }), column('title', 'character varying(200)'), column('postId', 'integer', { nullable: true })],
      primaryKey: { name: 'PK_posts', columns: ['id'] },
      indexes: [{ name: 'IDX_posts_title', columns: ['title'], unique: false, where: null, method: 'btree' }],
      foreignKeys: [fkTo('FK_posts_parent', 'posts')],
    });
    const comments = table('public', 'comments', { columns: [column('id', 'integer', { generated: 'serial' }), column('postId', 'integer')], foreignKeys: [fkTo('FK_comments_post', 'posts')] });
    const articles: TableModel = {
      ...posts,
      name: 'articles',
      primaryKey: { name: 'PK_articles', columns: ['id'] },
      indexes: [{ ...posts.indexes[0], name: 'IDX_articles_title' }],
      foreignKeys: [fkTo('FK_articles_parent', 'articles')],
    };
    const desired = model({ tables: [articles, { ...comments, foreignKeys: [fkTo('FK_comments_post', 'articles')] }] });
    const actual = model({ tables: [posts, comments] });
    const ops = compareWithRenames(desired, actual, [{ kind: 'table', schema: 'public', from: 'posts', to: 'articles' }]);
    assert.deepEqual(ops.flatMap(toSql), [
      'ALTER TABLE "public"."posts" RENAME TO "articles"',
      // As if created under the new name, so a later drop and re-create (a downgrade) gives the same catalog (fuzz seeds 190, 198).
      'ALTER SEQUENCE IF EXISTS "public"."posts_id_seq" RENAME TO "articles_id_seq"',
      'ALTER TABLE "public"."articles" RENAME CONSTRAINT "FK_posts_parent" TO "FK_articles_parent"',
      'ALTER TABLE "public"."articles" RENAME CONSTRAINT "PK_posts" TO "PK_articles"',
      'ALTER INDEX "public"."IDX_posts_title" RENAME TO "IDX_articles_title"',
    ]);
    assert.equal(compare(desired, actual).some((o) => o.kind === 'drop-table'), true, 'without the rename it is a drop');
  });

  test('no renames: exactly compare', () => {
    const desired = model({ tables: [users('handle')] });
    const actual = model({ tables: [users('username')] });
    assert.deepEqual(compareWithRenames(desired, actual, []), compare(desired, actual));
  });

  test('renames come before enum rebuilds, which retype columns by their new names', () => {
    const e = (values: string[]) => ({ schema: 'public', name: 'mood', values });
    const t = (col: string) => table('public', 't', { columns: [column('id', 'integer'), column(col, '"public"."mood"')] });
    const ops = compareWithRenames(model({ enums: [e(['b'])], tables: [t('feeling')] }), model({ enums: [e(['a', 'b'])], tables: [t('mood')] }), [
      { kind: 'column', schema: 'public', table: 't', from: 'mood', to: 'feeling' },
    ]);
    assert.deepEqual(ops.map((o) => o.kind), ['rename-column', 'recreate-enum']);
    assert.match(toSql(ops[1]).join('\n'), /ALTER COLUMN "feeling" TYPE/);
  });

  test('each rename reverses into the opposite rename', () => {
    const ops: Operation[] = [
      { kind: 'rename-table', schema: 's', from: 'a', to: 'b' },
      { kind: 'rename-column', schema: 's', table: 'b', from: 'x', to: 'y' },
      { kind: 'rename-constraint', schema: 's', table: 'b', from: 'c1', to: 'c2' },
      { kind: 'rename-index', schema: 's', table: 'b', from: 'i1', to: 'i2' },
    ];
    for (const op of ops) assert.deepEqual(reverse(reverse(op) as Operation), op);
    assert.deepEqual(toSql(reverse(ops[0])), ['ALTER TABLE "s"."b" RENAME TO "a"']);
    assert.deepEqual(toSql(reverse(ops[3])), ['ALTER INDEX "s"."i2" RENAME TO "i1"']);
  });
});

test('a table rename renames its sequences by their stored names, unless the new name is taken', () => {
  const id = column('id', 'integer', { generated: 'serial' });
  const other = table('public', 'x', { columns: [column('a', 'integer')], indexes: [{ name: 't2_id_seq', columns: ['a'], unique: false, where: null, method: 'btree' }] });
  const before = model({ tables: [table('public', 't1', { columns: [id] }), other] });
  const renamed = (to: string) => compareWithRenames(model({ tables: [table('public', to, { columns: [id] }), other] }), before, [{ kind: 'table', schema: 'public', from: 't1', to }]);
  const free = renamed('t3').find((o) => o.kind === 'rename-table');
  assert.deepEqual(free && toSql(free), ['ALTER TABLE "public"."t1" RENAME TO "t3"', 'ALTER SEQUENCE IF EXISTS "public"."t1_id_seq" RENAME TO "t3_id_seq"']);
  assert.deepEqual(free && toSql(reverse(free)), ['ALTER TABLE "public"."t3" RENAME TO "t1"', 'ALTER SEQUENCE IF EXISTS "public"."t3_id_seq" RENAME TO "t1_id_seq"']);
  const taken = renamed('t2').find((o) => o.kind === 'rename-table');
  assert.deepEqual(taken && toSql(taken), ['ALTER TABLE "public"."t1" RENAME TO "t2"']);
  // A stored name (numbered once by PostgreSQL) is the one renamed.
  const numbered = model({ tables: [table('public', 't1', { columns: [{ ...id, sequence: 't1_id_seq1' }] }), other] });
  const fromStored = compareWithRenames(model({ tables: [table('public', 't3', { columns: [id] }), other] }), numbered, [{ kind: 'table', schema: 'public', from: 't1', to: 't3' }]).find((o) => o.kind === 'rename-table');
  assert.deepEqual(fromStored && toSql(fromStored)[1], 'ALTER SEQUENCE IF EXISTS "public"."t1_id_seq1" RENAME TO "t3_id_seq"');
});
