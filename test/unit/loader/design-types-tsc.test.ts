import 'reflect-metadata';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import ts from 'typescript';
import { seededRandom } from '../../support/fault-trials';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compile } = require('../../../src/loader/register.js') as { compile(source: string, file: string): string };

// The loader must give every decorated member the design type the app's own `tsc` gives it:
// TypeORM reads its column types from them. Random member types under random strictness,
// compiled by the loader and by a type-checked tsc Program, then run: the types must match.

const KINDS = `export type Tier = 'free' | 'pro';
export type Points = number;
export type Wrap<T> = T;
export enum Colour { Red = 'red', Blue = 'blue' }
export enum Level { Low, High }
export interface Shape { x: number }
`;
const OTHER = `export class Other { id!: number }\n`;
const LOCAL = `type LocalAlias = string;\nenum LocalEnum { A = 1 }\nclass LocalClass {}\ntype LocalTier = 'a' | 'b';\n`;

const ATOMS = [
  'string', 'number', 'boolean', 'bigint', 'object', 'unknown', 'any', 'Date', "'x'", '1', 'true', 'string[]', 'Array<number>',
  'Other', 'Other[]', 'Wrap<Other>', 'Tier', 'Points', 'Colour', 'Level', 'Shape', 'K.Colour', 'K.Tier', 'Record<string, number>',
  '[string, number]', '(() => void)', 'LocalAlias', 'LocalEnum', 'LocalClass', 'LocalTier', 'Promise<string>', 'Map<string, number>',
];
const SUFFIXES = ['', ' | null', ' | undefined', ' | null | undefined'];

/** The compiler options that change decorator metadata, in every combination that matters. */
const OPTION_SETS: Record<string, Record<string, unknown>> = {
  strict: { strict: true },
  loose: {},
  'strict-but-nulls': { strict: true, strictNullChecks: false },
  'nulls-only': { strictNullChecks: true },
};

interface Case {
  readonly dir: string;
  readonly members: readonly string[];
}

function writeCase(base: string, index: number, random: () => number): Case {
  const dir = join(base, `case-${index}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kinds.ts'), KINDS);
  writeFileSync(join(dir, 'other.ts'), OTHER);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const members: string[] = [];
  for (let i = 0; i < 6; i++) {
    let type = pick(ATOMS) + pick(SUFFIXES);
    if (random() < 0.15) type = `${pick(ATOMS)} | ${pick(ATOMS)}`;
    members.push(`  @Mark() m${i}${random() < 0.2 ? '?' : '!'}: ${type};`);
  }
  const typeImport = random() < 0.5 ? 'import type' : 'import';
  writeFileSync(
    join(dir, 'entity.ts'),
    `import { Other } from './other';\n${typeImport} { Tier, Points, Wrap, Shape } from './kinds';\nimport { Colour, Level } from './kinds';\nimport * as K from './kinds';\n` +
      `${LOCAL}function Mark(): PropertyDecorator { return () => undefined; }\n` +
      `export class Subject {\n${members.join('\n')}\n}\nexport const keep = [Other, Colour, Level, K, LocalEnum, LocalClass];\n`,
  );
  return { dir, members };
}

/** Runs CommonJS outputs keyed by source file, resolving the case's relative imports among them. */
function run(outputs: ReadonlyMap<string, string>, entry: string): Record<string, unknown> {
  const cache = new Map<string, { exports: Record<string, unknown> }>();
  const load = (file: string): Record<string, unknown> => {
    const hit = cache.get(file);
    if (hit) return hit.exports;
    const mod = { exports: {} as Record<string, unknown> };
    cache.set(file, mod);
    const code = outputs.get(file);
    assert.ok(code !== undefined, `no output for ${file}`);
    const req = (spec: string) => (spec.startsWith('.') ? load(resolve(dirname(file), `${spec}.ts`)) : require(spec));
    new Function('exports', 'require', 'module', code)(mod.exports, req, mod);
    return mod.exports;
  };
  return load(entry);
}

/** What a design type is at run time: a constructor's name, `object` for an enum object, or undefined. */
function designTypes(exports: Record<string, unknown>, count: number): string[] {
  const proto = (exports.Subject as { prototype: object }).prototype;
  return Array.from({ length: count }, (_, i) => {
    const t = Reflect.getMetadata('design:type', proto, `m${i}`) as unknown;
    return typeof t === 'function' ? t.name : String(t === undefined ? 'undefined' : typeof t);
  });
}

const base = mkdtempSync(join(tmpdir(), 'dbm-design-types-'));
after(() => rmSync(base, { recursive: true, force: true }));

for (const [name, options] of Object.entries(OPTION_SETS)) {
  test(`design types match tsc's, random members, ${name} options`, () => {
    const root = join(base, name);
    mkdirSync(root, { recursive: true });
    const compilerOptions = { target: 'ES2022', module: 'commonjs', experimentalDecorators: true, emitDecoratorMetadata: true, skipLibCheck: true, lib: ['ES2022'], types: [], ...options };
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions }));
    const seed = Number(process.env.DESIGN_TYPES_SEED ?? 7) + Object.keys(OPTION_SETS).indexOf(name);
    const random = seededRandom(seed);
    const cases = Array.from({ length: 10 }, (_, i) => writeCase(root, i, random));

    // tsc with type information, as the app's own build would compile the same files.
    const parsed = ts.convertCompilerOptionsFromJson(compilerOptions, root).options;
    const files = cases.flatMap((c) => ['entity.ts', 'kinds.ts', 'other.ts'].map((f) => join(c.dir, f)));
    const tscOut = new Map<string, string>();
    ts.createProgram(files, { ...parsed, noEmit: false, outDir: undefined }).emit(undefined, (out, text) => {
      tscOut.set(out.replace(/\.js$/, '.ts'), text);
    });

    for (const c of cases) {
      const loaderOut = new Map(['entity.ts', 'kinds.ts', 'other.ts'].map((f) => {
        const file = join(c.dir, f);
        return [file, compile(readFileSync(file, 'utf8'), file)] as const;
      }));
      const entry = join(c.dir, 'entity.ts');
      const expected = designTypes(run(tscOut, entry), c.members.length);
      const actual = designTypes(run(loaderOut, entry), c.members.length);
      const diffs = c.members.flatMap((m, i) => (expected[i] === actual[i] ? [] : [`${m.trim()}  tsc: ${expected[i]}, loader: ${actual[i]}`]));
      assert.deepEqual(diffs, [], `seed ${seed}, ${c.dir}`);
    }
  });
}

test('a strict app: `string | null` is Object, as tsc emits it (regression: the loader ignored strictNullChecks)', () => {
  const dir = join(base, 'strict-null');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, experimentalDecorators: true, emitDecoratorMetadata: true } }));
  const file = join(dir, 'a.ts');
  const js = compile('declare const Column: any;\nexport class A { @Column() name!: string | null; @Column() plain!: string; }\n', file);
  assert.match(js, /__metadata\("design:type", Object\)[^]*"name"/);
  assert.match(js, /__metadata\("design:type", String\)[^]*"plain"/);
});
