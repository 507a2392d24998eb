import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTable } from '../../../src/cli/output/table';

test('aligns columns and right-aligns numbers', () => {
  assert.deepEqual(
    formatTable(
      [
        ['schema', 'table', 'rows'],
        ['public', 'users', '4'],
        ['analytics', 'page_views', '120'],
      ],
      [2],
    ),
    ['schema     table       rows', 'public     users          4', 'analytics  page_views   120'],
  );
});
