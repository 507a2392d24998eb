import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeOperands } from '../../../src/cli/escape-operands';

test('words after `--` come back as they were typed, even when they look like options', () => {
  const e = escapeOperands(['reset-schema', '--yes', '--', '-archive', '--json']);
  assert.equal(e.argv.includes('--'), false);
  assert.ok(e.argv.slice(2).every((a) => !a.startsWith('-')));
  const parsed = { _: ['reset-schema', e.argv[3]], name: e.argv[2], yes: true, json: undefined };
  assert.deepEqual(e.restore(parsed), { _: ['reset-schema', '--json'], name: '-archive', yes: true, json: undefined });
});

test('without `--` nothing changes', () => {
  const argv = ['reset-table', 'posts', '--yes'];
  const e = escapeOperands(argv);
  assert.deepEqual(e.argv, argv);
  assert.deepEqual(e.restore({ name: 'posts' }), { name: 'posts' });
});
