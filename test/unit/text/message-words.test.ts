import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { COMMANDS } from '../../../src/cli/commands';
import { ROOT } from '../../support/run-cli';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** The text of every string and template literal in a file: what messages are made of. */
function literals(file: string): { text: string; line: number }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { text: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      out.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const FILES = sources(join(ROOT, 'src')).filter((f) => !f.includes(`${join('src', 'migrations')}`));
const where = (file: string, line: number) => `${relative(ROOT, file)}:${line}`;

test('no message counts with "(s)": every count goes through plural()', () => {
  const found = FILES.flatMap((f) => literals(f).filter((l) => /[a-z]\(s\)/i.test(l.text)).map((l) => `${where(f, l.line)} ${l.text}`));
  assert.deepEqual(found, []);
});

test('no message names a bare `db-manage <command>`, which is not on PATH: hints use commandLine()', () => {
  const names = ['help', ...COMMANDS.map((c) => c.name)].join('|');
  const bare = new RegExp(`(?<!npx )\\bdb-manage (${names})\\b`);
  // Generated migration headers and sample data describe where they came from; they are not hints.
  const described = [join('src', 'engine', 'render', 'render-migration.ts'), join('src', 'seeds', 'posts.ts')];
  const found = FILES.filter((f) => !described.some((d) => f.endsWith(d))).flatMap((f) =>
    literals(f)
      .filter((l) => bare.test(l.text))
      .map((l) => `${where(f, l.line)} ${l.text}`),
  );
  assert.deepEqual(found, []);
});
