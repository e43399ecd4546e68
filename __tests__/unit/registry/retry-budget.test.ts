import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { isRetryableStatus, parseRetryAfter, RetryBudget } from '../../../src/registry/retry.ts';

/** A budget whose jitter always draws the top of its range, and the retries it announced. */
function budgetAtFullJitter(budgetMs: number) {
  const announced: string[] = [];
  const budget = new RetryBudget({
    budgetMs,
    requestTimeoutMs: 1_000,
    onRetry: (message) => announced.push(message),
    random: () => 1,
  });
  return { budget, announced };
}

/** Runs `wait` on mocked timers, so a wait of seconds takes none, and a wait that should not happen ends too. */
async function waitOnMockedClock(t: TestContext, wait: () => Promise<boolean>): Promise<boolean> {
  const waited = wait();
  t.mock.timers.tick(10_000);
  return waited;
}

describe('RetryBudget', () => {
  it('backs off 0.2 s, 0.4 s, 0.8 s … doubling per attempt, capped at 8 s', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { budget, announced } = budgetAtFullJitter(60_000);
    for (let attempt = 1; attempt <= 7; attempt++)
      assert.equal(await waitOnMockedClock(t, () => budget.wait(attempt, 'GET /v2/', 'HTTP 503')), true);
    assert.deepEqual(
      announced.map((message) => /in ([\d.]+) s$/.exec(message)?.[1]),
      ['0.2', '0.4', '0.8', '1.6', '3.2', '6.4', '8.0'],
    );
    assert.equal(announced[0], 'GET /v2/: HTTP 503; retry 1 in 0.2 s');
  });

  it('gives up after the eighth attempt, however much budget is left', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { budget } = budgetAtFullJitter(60_000);
    assert.equal(await waitOnMockedClock(t, () => budget.wait(7, 'GET', 'HTTP 503')), true);
    assert.equal(await waitOnMockedClock(t, () => budget.wait(8, 'GET', 'HTTP 503')), false);
  });

  it('spends its budget: waits that add up to it exactly are paid, the next one is not', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { budget, announced } = budgetAtFullJitter(600);
    assert.equal(await waitOnMockedClock(t, () => budget.wait(1, 'GET', 'HTTP 503')), true);
    assert.equal(await waitOnMockedClock(t, () => budget.wait(2, 'GET', 'HTTP 503')), true);
    assert.equal(await waitOnMockedClock(t, () => budget.wait(1, 'GET', 'HTTP 503')), false);
    assert.equal(announced.length, 2);
  });
});

describe('isRetryableStatus', () => {
  it('retries what may change later (408, 429, 500, 502, 503, 504), not what will not (501, 4xx)', () => {
    const statuses = [408, 429, 500, 502, 503, 504, 400, 401, 403, 404, 501];
    assert.deepEqual(
      statuses.filter((status) => isRetryableStatus(status)),
      [408, 429, 500, 502, 503, 504],
    );
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates; an empty or unreadable header is no header', () => {
    assert.equal(parseRetryAfter('3'), 3_000);
    assert.equal(parseRetryAfter('-5'), 0);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT'), 0);
    assert.equal(parseRetryAfter(''), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });
});
