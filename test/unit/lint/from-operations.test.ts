import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Operation } from '../../../src/engine/diff/operations';
import { statementsFromOperations } from '../../../src/engine/lint/from-operations';
import { lintStatements } from '../../../src/engine/lint/lint-statements';
import { loadSqlParser } from '../../../src/engine/sql/pg-parser';

before(loadSqlParser);

const ref = { schema: 'public', table: 'posts' };
const codes = (operations: Operation[], extra: { lockTimeout?: string; inTransaction?: boolean } = { lockTimeout: '5s' }) =>
  lintStatements(statementsFromOperations({ migration: 'Gen1732200000000', operations, ...extra })).violations.map((v) => v.code);

describe('lint input from typed operations', () => {
  test('carries the operation kind, whether the table is new, the previous type, and the lock_timeout line', () => {
    const statements = statementsFromOperations({
      migration: 'Gen1732200000000',
      lockTimeout: '5s',
      operations: [
        { kind: 'create-table', table: { schema: 'public', name: 'tags', columns: [{ name: 'id', type: 'integer', nullable: false, default: null, generated: null, expression: null, comment: null, collation: null }], primaryKey: null, uniques: [], checks: [], exclusions: [], indexes: [], foreignKeys: [], comment: null } },
        { kind: 'create-index', schema: 'public', table: 'tags', index: { name: 'IDX_tags_id', columns: ['id'], unique: false, where: null, method: 'btree' } },
        { kind: 'alter-column-type', ...ref, column: 'title', from: 'character varying(200)', to: 'character varying(300)', using: '"title"::character varying(300)', reverseUsing: '"title"::character varying(200)' },
      ],
    });
    assert.deepEqual(
      statements.map((s) => [s.index, s.operation, s.newTable, s.previousType, s.inTransaction]),
      [
        [0, undefined, undefined, undefined, true],
        [1, 'create-table', undefined, undefined, true],
        [2, 'create-index', true, undefined, true],
        [3, 'alter-column-type', false, 'character varying(200)', true],
      ],
    );
    assert.equal(statements[0].sql, `SET LOCAL lock_timeout = '5s'`);
  });

  test('a generated varchar length increase passes: its USING is a plain cast', () => {
    const op: Operation = { kind: 'alter-column-type', ...ref, column: 'title', from: 'character varying(200)', to: 'character varying(300)', using: '"title"::character varying(300)', reverseUsing: '"title"::character varying(200)' };
    assert.deepEqual(codes([op]), []);
    assert.deepEqual(codes([{ ...op, to: 'integer', using: '"title"::integer' }]), ['changing-column-type']);
  });

  test('operations on existing tables meet the rules', () => {
    const column = { name: 'rank', type: 'integer', nullable: false, default: null, generated: null, expression: null, comment: null, collation: null };
    assert.deepEqual(codes([{ kind: 'add-column', ...ref, column }]), ['adding-required-field']);
    assert.deepEqual(codes([{ kind: 'add-column', ...ref, column: { ...column, default: '0' } }]), []);
    assert.deepEqual(codes([{ kind: 'create-index', ...ref, index: { name: 'IDX_rank', columns: ['rank'], unique: false, where: null, method: 'btree' } }]), ['require-concurrent-index-creation']);
    assert.deepEqual(codes([{ kind: 'set-not-null', ...ref, column: 'title' }], {}), ['setting-not-null', 'requiring-lock-timeout']);
  });
});
