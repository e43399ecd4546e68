import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limiter } from '../../../src/util/concurrency.ts';

describe('limiter', () => {
  it('runs tasks handed in at any time, at most `limit` at once, in the order they came', async () => {
    const slot = limiter(2);
    let running = 0;
    let mostAtOnce = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolveTask) => setTimeout(resolveTask, 2));
      running--;
      return n;
    };
    const first = [1, 2, 3].map((n) => slot(task(n)));
    // Handed in later, while the third still runs: they wait behind it.
    await first[0];
    const later = [4, 5].map((n) => slot(task(n)));
    assert.deepEqual(await Promise.all([...first, ...later]), [1, 2, 3, 4, 5]);
    assert.equal(mostAtOnce, 2);
    assert.deepEqual(started, [1, 2, 3, 4, 5]);
  });

  it('frees the slot of a task that fails', async () => {
    const slot = limiter(1);
    await assert.rejects(
      slot(async () => Promise.reject(new Error('refused'))),
      /refused/,
    );
    assert.equal(await slot(async () => 'next'), 'next');
  });
});
