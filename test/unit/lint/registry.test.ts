import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { RULES } from '../../../src/engine/lint/rules';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('the lint rule registry', () => {
  test('codes are unique, stable kebab-case, with a one-line summary and help', () => {
    const codes = RULES.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const rule of RULES) {
      assert.match(rule.code, /^[a-z]+(-[a-z]+)+$/);
      assert.ok(rule.summary.length > 0 && !rule.summary.includes('\n'), rule.code);
      assert.ok(rule.help.length > 0, rule.code);
      assert.ok(rule.level === 'error' || rule.level === 'warning');
    }
  });

  for (const rule of RULES) {
    test(`${rule.code} has its docs page with a Problem and a Solution section`, () => {
      const page = join(ROOT, 'docs', 'rules', `${rule.code}.md`);
      assert.ok(existsSync(page), `missing ${page}`);
      const text = readFileSync(page, 'utf8');
      assert.match(text, new RegExp(`^# ${rule.code}\\n`));
      const problem = text.indexOf('\n## Problem\n');
      const solution = text.indexOf('\n## Solution\n');
      assert.ok(problem > 0 && solution > problem, 'Problem, then Solution');
    });

    test(`${rule.code} has a passing and a failing unit test`, () => {
      const file = join(ROOT, 'test', 'unit', 'lint', 'rules', `${rule.code}.test.ts`);
      assert.ok(existsSync(file), `missing ${file}`);
      const text = readFileSync(file, 'utf8');
      assert.match(text, new RegExp(`rules/${rule.code}'`), 'imports its own rule');
      assert.match(text, /lintOk\(rule, \[/);
      assert.match(text, /lintErrors\(rule, \[/);
    });
  }

  test('every rule file is registered and every docs page belongs to a rule', () => {
    const { readdirSync } = require('node:fs') as typeof import('node:fs');
    const codes = new Set(RULES.map((r) => r.code));
    const files = readdirSync(join(ROOT, 'src', 'engine', 'lint', 'rules')).filter((f) => f !== 'index.ts');
    assert.deepEqual(files.map((f) => f.replace(/\.ts$/, '')).filter((c) => !codes.has(c)), []);
    const pages = readdirSync(join(ROOT, 'docs', 'rules')).map((f) => f.replace(/\.md$/, ''));
    assert.deepEqual(pages.filter((c) => !codes.has(c)), []);
  });
});
