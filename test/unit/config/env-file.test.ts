import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { config as dotenvConfig } from 'dotenv';
import { connectionTarget, projectVariables } from '../../../src/engine/config/connection-target';
import { parseEnvFile } from '../../../src/engine/config/env-file';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { guardServer } from '../../../src/engine/safety/guard-destructive';
import { seededRandom } from '../../support/fault-trials';
import { pick, type Random } from '../../support/random-secrets';

const dir = mkdtempSync(join(tmpdir(), 'dbm-dotenv-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const KEYS = ['NODE_ENV', 'DATABASE_URL', 'DB_MANAGE_PG_PORT', 'DB_MANAGE_PG_DATABASE', 'APP_SECRET', 'x.y-z', 'LOG'];
const VALUE_CHARS = [...'abcXYZ019 _-./:@?&=%+#"\'`\\$é密', ' ', '#', '\t'];
const QUOTES = ['', '"', "'", '`'];

function randomText(random: Random, max: number, exclude = ''): string {
  let s = '';
  for (let n = Math.floor(random() * max); n > 0; n--) {
    const c = pick(random, VALUE_CHARS);
    if (!exclude.includes(c)) s += c;
  }
  return s;
}

/** One random .env line or block, in any of the forms dotenv reads (and some it ignores). */
function randomLine(random: Random): string {
  const key = random() < 0.7 ? pick(random, KEYS) : `K${Math.floor(random() * 50)}`;
  const r = random();
  if (r < 0.08) return `# ${randomText(random, 20)}`;
  if (r < 0.12) return pick(random, ['', '   ', 'not a setting', '=orphan']);
  const prefix = pick(random, ['', '', 'export ', '  ', '\t']);
  const sep = pick(random, ['=', ' = ', '= ', ': ', ':  ']);
  const quote = pick(random, QUOTES);
  const multiline = quote !== '' && random() < 0.25;
  let value = randomText(random, 16, quote || '\n');
  if (multiline) value += `\n${randomText(random, 10, quote)}\n${randomText(random, 6, quote)}`;
  if (quote === '"' && random() < 0.3) value += '\\n';
  if (key === 'NODE_ENV' && random() < 0.6) value = pick(random, ['production', 'development', 'production ', 'Production']);
  const comment = random() < 0.4 ? ` # ${randomText(random, 12)}${pick(random, ['"x"', "'y'", '`z`', ''])}` : '';
  return `${prefix}${key}${sep}${quote}${value}${quote}${comment}`;
}

function randomEnvFile(random: Random): string {
  const lines: string[] = [];
  for (let n = 3 + Math.floor(random() * 12); n > 0; n--) lines.push(randomLine(random));
  return lines.join(random() < 0.2 ? '\r\n' : '\n') + (random() < 0.5 ? '\n' : '');
}

/** A random environment: some of the same keys, some empty (an empty variable still wins). */
function randomEnv(random: Random): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const key of KEYS) {
    const r = random();
    if (r < 0.15) env[key] = pick(random, ['', 'from-env', 'production']);
    else if (r < 0.25) env[key] = undefined;
  }
  return env;
}

/** What an application gets: dotenv's config() populating a copy of the same environment. */
function applicationView(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const processEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) processEnv[k] = v;
  dotenvConfig({ path: join(dir, '.env'), processEnv, quiet: true });
  return processEnv;
}

const guardRefuses = (env: Record<string, string | undefined>) => {
  try {
    guardServer({ action: 'reset', conn: { kind: 'embedded', url: 'postgres://postgres@127.0.0.1:1/x', serverAction: 'none', source: 'embedded' }, cwd: dir, env });
    return false;
  } catch (e) {
    assert.ok(e instanceof DbManageError && e.code === 'production-guard');
    return true;
  }
};

test('generated .env files and environments: db-manage resolves what dotenv gives an application', () => {
  const random = seededRandom(7321);
  const trials = process.env.FAULTS_FULL === '1' ? 3000 : 300;
  let production = 0;
  for (let trial = 0; trial < trials; trial++) {
    const text = randomEnvFile(random);
    const env = randomEnv(random);
    writeFileSync(join(dir, '.env'), text);
    const app = applicationView(env);
    const context = `trial ${trial}:\n${text}\nenv ${JSON.stringify(env)}`;
    const ours = Object.fromEntries(Object.entries(projectVariables({ cwd: dir, env })).filter(([, v]) => v !== undefined));
    assert.deepEqual(ours, app, context);
    const target = connectionTarget({ cwd: dir, env });
    if (app.DATABASE_URL) assert.equal(target.url, app.DATABASE_URL, context);
    else assert.equal(target.kind, 'embedded', context);
    const refuses = guardRefuses(env);
    assert.equal(refuses, app.NODE_ENV === 'production', context);
    if (refuses) production++;
  }
  assert.ok(production > trials / 20, `the sample reaches the production guard often enough (${production})`);
});

test('forms a hand parser gets wrong: colon syntax, comments after quotes, multi-line quotes', () => {
  const text = [
    'export NODE_ENV:   production',
    `DB_MANAGE_PG_DATABASE='shop' # the "main" one, not 'test'`,
    'NOTE="line one',
    'line # two"',
    'DB_MANAGE_PG_PORT=6123#no space before this comment',
    'GREETING="a\\nb"',
  ].join('\n');
  assert.deepEqual(parseEnvFile(text), {
    NODE_ENV: 'production',
    DB_MANAGE_PG_DATABASE: 'shop',
    NOTE: 'line one\nline # two',
    DB_MANAGE_PG_PORT: '6123',
    GREETING: 'a\nb',
  });
  writeFileSync(join(dir, '.env'), text);
  assert.equal(guardRefuses({}), true, 'NODE_ENV from `KEY: value` reaches the production guard');
  assert.equal(guardRefuses({ NODE_ENV: '' }), false, 'an environment variable, even empty, wins over .env');
  const target = connectionTarget({ cwd: dir, env: {} });
  assert.ok(target.kind === 'embedded' && target.settings.port === 6123 && target.settings.database === 'shop');
});
