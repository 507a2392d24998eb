import assert from 'node:assert/strict';
import { test } from 'node:test';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compile } = require('../../../src/loader/register.js') as { compile(source: string, file: string): string };

test('keeps decorator metadata, which esbuild-based loaders drop', () => {
  const js = compile('declare const Column: any;\nclass A { @Column() name: string; }\n', '/virtual/a.ts');
  assert.match(js, /__metadata\("design:type", String\)/);
});

test('reports a syntax error with file and line', () => {
  assert.throws(() => compile('const x = ;\n', '/virtual/bad.ts'), /\/virtual\/bad\.ts:1:\d+: Expression expected/);
});
