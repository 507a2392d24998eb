import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { askYes, PromptInterrupted } from '../../../src/cli/prompt/ask-yes';

test('end of input (Ctrl-D) ends the prompt line, so the error starts a line of its own (found by the bad-input fault check)', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (d: Buffer) => (written += d.toString()));
  const asked = askYes('Type yes: ', { input, output, terminal: true });
  input.end();
  await assert.rejects(asked, PromptInterrupted);
  assert.match(written, /Type yes: (\u001b\[\d*[A-Za-z])*\n$/);
});

test('an answer is not followed by an extra blank line', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (d: Buffer) => (written += d.toString()));
  const asked = askYes('Type yes: ', { input, output });
  input.write('yes\n');
  assert.equal(await asked, true);
  assert.doesNotMatch(written, /\n\n$/);
});
