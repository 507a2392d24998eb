import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { askYes, PromptInterrupted } from '../../../src/cli/prompt/ask-yes';

function streams(terminal = false) {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (d: Buffer) => (written += d.toString()));
  return { input, output, terminal, written: () => written };
}

test('only the exact word yes confirms', async () => {
  for (const [answer, expected] of [['yes', true], ['  yes ', true], ['y', false], ['YES', false], ['', false], ['no', false]] as const) {
    const s = streams();
    const asked = askYes('Type yes to continue: ', s);
    s.input.write(`${answer}\n`);
    assert.equal(await asked, expected, JSON.stringify(answer));
    assert.match(s.written(), /Type yes to continue: /);
  }
});

test('end of input aborts instead of answering', async () => {
  const s = streams();
  const asked = askYes('Type yes: ', s);
  s.input.end();
  await assert.rejects(asked, PromptInterrupted);
});

test('Ctrl-C on a terminal aborts', async () => {
  const s = streams(true);
  const asked = askYes('Type yes: ', s);
  s.input.write('ye\u0003');
  await assert.rejects(asked, /Ctrl-C/);
});
