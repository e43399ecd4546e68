import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import {
  FRESH_READ_MS,
  isFresh,
  mergeJitter,
  noteWriteWindow,
  RecentReads,
  settleDelayMs,
} from '../../../src/registry/settle.ts';

// Own file: the longest write window is remembered for the whole run (the process), and only grows.
describe('noteWriteWindow: the pause grows with the slowest read-to-write window of the run', () => {
  it('is the bound on a kept read alone before any window was noted', () => {
    assert.equal(settleDelayMs(), FRESH_READ_MS);
  });

  it('outlasts three times the longest window noted', () => {
    noteWriteWindow(1_000, 3_000);
    assert.equal(settleDelayMs(), FRESH_READ_MS + 6_000);
  });

  it('keeps the longest window: a quicker one later does not shorten the pause', () => {
    noteWriteWindow(10_000, 10_100);
    assert.equal(settleDelayMs(), FRESH_READ_MS + 6_000);
  });

  it('measures up to now when no write time is given', () => {
    const now = Date.now();
    noteWriteWindow(now - 4_000);
    assert.ok(settleDelayMs() >= FRESH_READ_MS + 12_000);
  });
});

describe('isFresh', () => {
  it(`takes a read of at most 150 ms ago as fresh`, () => {
    assert.equal(isFresh(1_000, 1_000), true);
    assert.equal(isFresh(1_000, 1_150), true);
    assert.equal(isFresh(1_000, 1_151), false);
  });

  it('measures against now by default', () => {
    assert.equal(isFresh(Date.now()), true);
    assert.equal(isFresh(Date.now() - 10_000), false);
  });
});

describe('RecentReads', () => {
  it('hands a fresh read out once', async () => {
    const reads = new RecentReads<string>();
    assert.equal(await reads.read('k', async () => 'listing'), 'listing');
    assert.equal(reads.take('k'), 'listing');
    assert.equal(reads.take('k'), undefined);
    assert.equal(reads.take('other'), undefined);
  });

  it('lets a fresh read be looked at, and keeps it for the take that follows', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 0 });
    const reads = new RecentReads<string>();
    await reads.read('k', async () => 'listing');
    assert.equal(reads.peek('k'), 'listing');
    assert.equal(reads.take('k'), 'listing');
    assert.equal(reads.peek('k'), undefined);
    await reads.read('k', async () => 'listing');
    t.mock.timers.tick(151);
    assert.equal(reads.peek('k'), undefined, 'a stale read is not handed out by a look either');
  });

  it('forgets a stale read without handing it out', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 0 });
    const reads = new RecentReads<string>();
    await reads.read('k', async () => 'listing');
    t.mock.timers.tick(151);
    assert.equal(reads.take('k'), undefined);
  });

  it('dates a read from when it started, not when it ended', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 0 });
    const reads = new RecentReads<string>();
    await reads.read('k', async () => {
      t.mock.timers.tick(151);
      return 'slow listing';
    });
    assert.equal(reads.take('k'), undefined);
  });
});

describe('mergeJitter', () => {
  it('pauses 50 ms to 300 ms between merge rounds', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      for (const [random, pauseMs] of [
        [0, 50],
        [0.999, 299],
      ] as const) {
        let done = false;
        const pause = mergeJitter(() => random).then(() => {
          done = true;
        });
        mock.timers.tick(pauseMs - 1);
        await Promise.resolve();
        assert.equal(done, false);
        mock.timers.tick(1);
        await pause;
        assert.equal(done, true);
      }
    } finally {
      mock.timers.reset();
    }
  });
});
