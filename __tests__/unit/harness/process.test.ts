import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runProcess } from '../../harness/process.ts';

describe('runProcess (test harness)', () => {
  it('reports the exit of a command that leaves its input unread, without an EPIPE crash', async () => {
    // `true` exits at once; a large input cannot all be written before its stdin closes.
    const result = await runProcess('true', [], { input: 'x'.repeat(4 * 1024 * 1024) });
    assert.equal(result.code, 0);
    // Give a late EPIPE the chance to surface as an uncaught error in this file.
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  });
});
