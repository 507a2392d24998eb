import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskedUrl, maskUrl, redactSecrets, redactValue, secretsOf } from '../../../src/engine/config/mask-url';
import { driverConfig } from '../../../src/engine/config/driver-url';
import { assertValidUrl, connectError } from '../../../src/engine/connection/connect-error';
import { DbManageError } from '../../../src/engine/errors/db-manage-error';
import { seededRandom } from '../../support/fault-trials';
import { connectionString, leakForms, pick, randomPassword, URL_SHAPES, type Endpoint } from '../../support/random-secrets';

const TRIALS = process.env.FAULTS_FULL === '1' ? 5000 : 600;
const ENDPOINTS: readonly Endpoint[] = [
  { user: 'app', host: '127.0.0.1', port: 5432, database: 'shop' },
  { user: 'svc_user', host: 'db.internal.example', port: 6543, database: 'orders' },
];

/** Every 8-character piece of a password: a password cut in two must not leak its tail either. */
function pieces(password: string): string[] {
  const out = new Set<string>();
  for (const form of [password, encodeURIComponent(password)]) for (let i = 0; i + 8 <= form.length; i++) out.add(form.slice(i, i + 8));
  return [...out];
}

function assertHidden(text: string, password: string, context: string): void {
  for (const needle of [...leakForms(password), ...pieces(password)]) {
    assert.ok(!text.includes(needle), `${context}\nshows ${JSON.stringify(needle)} of ${JSON.stringify(password)} in:\n${text}`);
  }
}

/** The password node-postgres itself would send for this connection string. */
function driverPassword(url: string): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ConnectionParameters = require('pg/lib/connection-parameters') as new (s: string) => { password?: string };
  const saved = process.env.PGPASSWORD;
  delete process.env.PGPASSWORD;
  try {
    return new ConnectionParameters(url).password || undefined;
  } catch {
    return undefined;
  } finally {
    if (saved !== undefined) process.env.PGPASSWORD = saved;
  }
}

test('random passwords in every connection-string shape never survive masking, in text or JSON', () => {
  const random = seededRandom(90210);
  const seen = new Map<string, number>();
  for (let trial = 0; trial < TRIALS; trial++) {
    const password = randomPassword(random);
    const shape = pick(random, URL_SHAPES);
    const url = connectionString(shape, password, pick(random, ENDPOINTS));
    const context = `trial ${trial}, ${shape}: ${JSON.stringify(url)}`;
    seen.set(shape, (seen.get(shape) ?? 0) + 1);

    // What the driver would send is always among the secrets db-manage hides.
    const sent = shape === 'keyword' ? undefined : driverPassword(url);
    if (sent) assert.ok(secretsOf(url).includes(sent), `${context}: the driver sends ${JSON.stringify(sent)}`);

    const masked = maskedUrl(url);
    assertHidden(masked, password, `${context} masked as a whole`);
    if (sent && sent.length >= 4) assert.ok(!masked.includes(sent), context);

    // Inside free text, the URL is found and masked; with the secrets known, nothing is left.
    const secrets = secretsOf(url);
    const message = `cannot connect to ${url}: connection refused`;
    assertHidden(redactSecrets(message, secrets), password, `${context} in text`);

    // A --json document: redacted value by value, then serialised.
    const doc = JSON.stringify(redactValue({ error: { message, details: { url, list: [url, { nested: password }] } } }, secrets));
    assertHidden(doc, password, `${context} in JSON`);

    // The errors db-manage makes from this URL show it masked, whatever the driver makes of it.
    let shown = '';
    try {
      assertValidUrl(url);
      shown = connectError(url, Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'external').message;
    } catch (e) {
      assert.ok(e instanceof DbManageError && e.code === 'config-invalid', `${context}: ${String(e)}`);
      shown = `${e.message} ${e.hint ?? ''}`;
    }
    assertHidden(shown, password, `${context} in an error`);
  }
  for (const shape of URL_SHAPES) assert.ok((seen.get(shape) ?? 0) > TRIALS / 12, `shape ${shape} was tried`);
});

test('URL shapes from the findings, with other passwords: ?password=, a quote under JSON, a space and #', () => {
  const cases = [
    'postgres://ops@10.1.2.3:5432/app?sslmode=disable&password=T0p%3Fs3cret',
    'postgres://ops:He said "go" now@10.1.2.3/app',
    'postgres://ops:two words#and more@10.1.2.3/app',
  ];
  const passwords = ['T0p?s3cret', 'He said "go" now', 'two words#and more'];
  cases.forEach((url, i) => {
    const secrets = secretsOf(url);
    assertHidden(maskedUrl(url), passwords[i], url);
    assertHidden(JSON.stringify(redactValue({ url, message: `bad ${url}` }, secrets), null, 2), passwords[i], url);
    assertHidden(redactSecrets(`error: ${url}`, secrets), passwords[i], url);
  });
  assert.equal(maskUrl('see postgres://ops@h/app?password=abc123&sslmode=require'), 'see postgres://ops@h/app?password=***&sslmode=require');
  assert.equal(maskedUrl("host=h user=u password='it\\'s a secret' dbname=d"), 'host=h user=u password=*** dbname=d');
});

test('the driver reading: pg-connection-string without touching ssl files', () => {
  // sslkey names a file that does not exist: the driver would fail to read it at connect time, but reading the host must not.
  assert.equal(driverConfig('postgres://u@h/db?sslkey=/nonexistent/key.pem&host=other')?.host, 'other');
  assert.equal(driverConfig('not a url'), undefined);
});
