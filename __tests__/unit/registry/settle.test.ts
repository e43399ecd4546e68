import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FRESH_READ_MS,
  noteWriteWindow,
  repairJitterMs,
  settle,
  settleDelayMs,
  type SettleClock,
  type SettleEntry,
} from '../../../src/registry/settle.ts';

/** A clock that only moves when the code under test sleeps, recording when each check ran. */
function fakeClock(startAt: number, delayMs: number, jitterMs = 0): SettleClock & { sleeps: number[] } {
  let now = startAt;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    delayMs: () => delayMs,
    jitterMs: () => jitterMs,
  };
}

function entry(
  writtenAt: number,
  states: ('missing' | 'alone' | 'shared')[],
  clock: SettleClock,
  log: { checkedAt: number[]; repairs: number; repairedAt?: number[] },
): SettleEntry {
  let call = 0;
  return {
    writtenAt,
    check: async () => {
      log.checkedAt.push(clock.now());
      return states[Math.min(call++, states.length - 1)] ?? 'alone';
    },
    repair: async () => {
      log.repairs++;
      log.repairedAt?.push(clock.now());
    },
  };
}

describe('settle: the end-of-run check of appends to shared lists', () => {
  it('checks a list written long ago at once, and one written just now after the pause', async () => {
    const clock = fakeClock(5_000, 1_000);
    const log = { checkedAt: [] as number[], repairs: 0 };
    const entries = [entry(4_800, ['alone'], clock, log), entry(1_000, ['alone'], clock, log)];
    await settle(() => entries, clock);
    // The entry written at 1,000 was due at 2,000: checked at 5,000 without waiting; the one written
    // at 4,800 waited until 5,800.
    assert.deepEqual(log.checkedAt, [5_000, 5_800]);
    assert.deepEqual(clock.sleeps, [800]);
  });

  it('repairs a dropped entry and looks at every list again a full pause later', async () => {
    const clock = fakeClock(10_000, 1_000);
    const log = { checkedAt: [] as number[], repairs: 0 };
    const entries = [entry(0, ['missing', 'alone'], clock, log)];
    await settle(() => entries, clock);
    assert.equal(log.repairs, 1);
    assert.deepEqual(log.checkedAt, [10_000, 11_000]);
  });

  it('spreads the repairs, and only them: an uncontended pass waits the pause alone', async () => {
    const clock = fakeClock(10_000, 1_000, 40);
    const log = { checkedAt: [] as number[], repairs: 0, repairedAt: [] as number[] };
    const entries = [entry(9_500, ['missing', 'alone'], clock, log)];
    await settle(() => entries, clock);
    // Checked when due (written at 9,500, a pause of 1,000), repaired 40 ms of jitter later, and looked
    // at again a full pause after that pass began.
    assert.deepEqual(log.checkedAt, [10_500, 11_540]);
    assert.deepEqual(log.repairedAt, [10_540]);

    const quiet = fakeClock(10_000, 1_000, 40);
    const alone = { checkedAt: [] as number[], repairs: 0 };
    await settle(() => [entry(9_500, ['alone'], quiet, alone)], quiet);
    assert.deepEqual(quiet.sleeps, [500]);
  });

  it('makes a second pass when a list is shared with other writers, even if nothing was dropped', async () => {
    const clock = fakeClock(10_000, 1_000);
    const log = { checkedAt: [] as number[], repairs: 0 };
    const entries = [entry(0, ['shared', 'shared'], clock, log)];
    await settle(() => entries, clock);
    assert.equal(log.repairs, 0);
    assert.equal(log.checkedAt.length, 2);
  });
});

describe('settle: when to stop', () => {
  it('gives up after eight passes when an entry keeps going missing', async () => {
    const clock = fakeClock(10_000, 1_000);
    const log = { checkedAt: [] as number[], repairs: 0 };
    await settle(() => [entry(0, ['missing'], clock, log)], clock);
    assert.equal(log.checkedAt.length, 8);
    assert.equal(log.repairs, 8);
  });

  it('makes a second pass when any one list is shared, the others alone', async () => {
    const clock = fakeClock(10_000, 1_000);
    const log = { checkedAt: [] as number[], repairs: 0 };
    await settle(() => [entry(0, ['alone'], clock, log), entry(0, ['shared', 'alone'], clock, log)], clock);
    assert.equal(log.checkedAt.length, 4);
  });

  it('checks a list due this very moment without pausing', async () => {
    const clock = fakeClock(2_000, 1_000);
    const log = { checkedAt: [] as number[], repairs: 0 };
    await settle(() => [entry(1_000, ['alone'], clock, log)], clock);
    assert.deepEqual(clock.sleeps, []);
    assert.deepEqual(log.checkedAt, [2_000]);
  });
});

describe('settleDelayMs: the pause before the check', () => {
  it('is the bound on a read kept for a merge plus three times our longest write, with no fixed floor', () => {
    // A concurrent writer's read is at most FRESH_READ_MS old when it merges; its write takes about ours.
    assert.equal(settleDelayMs(20), FRESH_READ_MS + 60);
    assert.ok(settleDelayMs(20) < 500, 'a quick registry needs no half-second pause');
  });

  it('holds no jitter: concurrent signers are spread at their repairs (repairJitterMs), up to a tenth of a second', () => {
    assert.equal(settleDelayMs(20), FRESH_READ_MS + 60);
    assert.equal(
      repairJitterMs(() => 0),
      0,
    );
    assert.equal(
      repairJitterMs(() => 0.999),
      99,
    );
  });

  it('grows with a slow registry or a loaded machine, as our own writes measure them', () => {
    assert.equal(settleDelayMs(2_000), FRESH_READ_MS + 6_000);
  });

  it('follows the longest write noted this run', () => {
    const before = settleDelayMs();
    noteWriteWindow(1_000, 1_000 + 700);
    assert.ok(settleDelayMs() >= FRESH_READ_MS + 2_100);
    assert.ok(settleDelayMs() > before);
  });

  it('never grows past 20 s', () => {
    assert.equal(settleDelayMs(60_000), 20_000);
  });
});
