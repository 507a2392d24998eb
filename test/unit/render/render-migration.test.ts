import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as ts from 'typescript';
import type { Operation } from '../../../src/engine/diff/operations';
import { indentSql } from '../../../src/engine/render/indent-sql';
import { renderMigration, templateLiteralText } from '../../../src/engine/render/render-migration';
import { rng } from '../../fuzz/prng';
import { column } from '../diff/models';

const addPhone: Operation = { kind: 'add-column', schema: 'public', table: 'users', column: column('phone', 'character varying(20)', { nullable: true }) };

/** Runs the rendered class with a fake query runner that records the SQL it receives. */
async function run(source: string, direction: 'up' | 'down'): Promise<string[]> {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: Record<string, new () => Record<string, (qr: unknown) => Promise<void>>> = {};
  new Function('exports', 'require', js)(exports, require);
  const [Migration] = Object.values(exports);
  const seen: string[] = [];
  await new Migration()[direction]({ query: async (sql: string) => void seen.push(sql) });
  return seen;
}

test('a plain TypeORM migration class: up adds, down drops', async () => {
  const source = renderMigration({ className: 'AddPhone1732200000000', message: 'Add phone', operations: [addPhone] });
  assert.match(source, /^import type \{ MigrationInterface, QueryRunner \} from 'typeorm';/);
  assert.match(source, /export class AddPhone1732200000000 implements MigrationInterface \{/);
  assert.match(source, /name = 'AddPhone1732200000000';/);
  assert.match(source, /\* Add phone\n/);
  assert.match(source, /- add column public\.users\.phone character varying\(20\)\n/);
  assert.deepEqual(await run(source, 'up'), ['ALTER TABLE "public"."users" ADD COLUMN "phone" character varying(20)']);
  assert.deepEqual(await run(source, 'down'), ['ALTER TABLE "public"."users" DROP COLUMN "phone"']);
});

test('backticks, ${ and backslashes reach PostgreSQL unchanged', async () => {
  const tricky = "'a\\b `c` ${d} */'";
  const op: Operation = { kind: 'set-default', schema: 'public', table: 't', column: 'c', default: tricky, previous: null };
  const source = renderMigration({ className: 'Tricky1732200000000', message: 'Tricky */ message', operations: [op] });
  assert.deepEqual(await run(source, 'up'), [`ALTER TABLE "public"."t" ALTER COLUMN "c" SET DEFAULT ${tricky}`]);
  assert.doesNotMatch(source.split('export class')[0], /\*\/[^\n]*\n[^\n]*\*\/\n/, 'the header comment is not closed early');
  assert.equal(templateLiteralText('`${x}\\'), '\\`\\${x}\\\\');
});

test('down() is the reverse of up() in exact reverse order', async () => {
  const ops: Operation[] = [
    { kind: 'create-schema', schema: 's' },
    { kind: 'create-enum', enum: { schema: 's', name: 'e', values: ['a'] } },
    { kind: 'add-column', schema: 's', table: 't', column: column('c', '"s"."e"', { nullable: true }) },
  ];
  const source = renderMigration({ className: 'X1732200000000', message: 'x', operations: ops });
  assert.deepEqual(await run(source, 'down'), ['ALTER TABLE "s"."t" DROP COLUMN "c"', 'DROP TYPE "s"."e"', 'DROP SCHEMA "s"']);
});

test('an empty migration (revision) has empty up and down with a reminder', async () => {
  const source = renderMigration({ className: 'Backfill1732200000000', message: 'Backfill', operations: [] });
  assert.match(source, /db-manage revision/);
  assert.deepEqual(await run(source, 'up'), []);
  assert.deepEqual(await run(source, 'down'), []);
});

test('the output parses as TypeScript', () => {
  const source = renderMigration({ className: 'AddPhone1732200000000', message: 'Add phone', operations: [addPhone] });
  const out = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
  assert.deepEqual(out.diagnostics ?? [], []);
});

test('line breaks inside quoted text are never re-indented: values reach PostgreSQL byte for byte', async () => {
  const { randomText } = await import('../../support/random-text');
  const { toSql } = await import('../../../src/engine/diff/to-sql');
  const { quoteLiteral } = await import('../../../src/engine/sql/quote');
  for (let seed = 1; seed <= 60; seed++) {
    const text = `first\n${randomText(seed)}\n  last`;
    // A default written by hand (a function default) may hold raw line breaks in '…' or $$…$$.
    const raw = `'${text.replace(/'/g, "''")}'`;
    const dollar = `$v$${text.replace(/\$v\$/g, '')}$v$`;
    const ops: Operation[] = [
      { kind: 'set-default', schema: 'public', table: 't', column: 'c', default: raw, previous: null },
      { kind: 'set-comment', schema: 'public', table: 't', column: 'c', comment: text, previous: null },
      {
        kind: 'create-table',
        table: {
          schema: 'public', name: 'notes', primaryKey: null, uniques: [], checks: [], exclusions: [], indexes: [], foreignKeys: [], comment: text,
          columns: [column('body', 'text', { default: dollar }), column('title', 'text', { default: quoteLiteral(text) })],
        },
      },
    ];
    const source = renderMigration({ className: `Lines${seed}1732200000000`, message: 'lines', operations: ops });
    const executed = await run(source, 'up');
    assert.deepEqual(executed.slice(0, 2), [...toSql(ops[0]), ...toSql(ops[1])], `seed ${seed}`);
    assert.ok(executed[2].includes(`DEFAULT ${dollar}`) && executed[2].includes(`DEFAULT ${quoteLiteral(text)}`), `seed ${seed}: ${executed[2]}`);
    assert.deepEqual(executed.slice(3), toSql(ops[2]).slice(1), `seed ${seed}: comments`);
  }
});

test('a template literal gives back any text, and indenting changes only line breaks outside quotes', () => {
  const random = rng(0x7e47);
  const pool = ['a', ' ', '\n', '\r', '\\', '`', '$', '{', '}', "'", '"', 'E', '$$', '${', 'é', '😀', ';'];
  for (let i = 0; i < 2000; i++) {
    let text = '';
    for (let n = random.int(0, 30); n > 0; n--) text += random.pick(pool);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    assert.equal(new Function(`return \`${templateLiteralText(text)}\`;`)(), text, JSON.stringify(text));
    assert.equal(indentSql(text, ''), text, JSON.stringify(text));
    if (!text.includes('\n')) assert.equal(indentSql(text, '      '), text, JSON.stringify(text));
  }
});
