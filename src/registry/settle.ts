import { mapLimit } from '../util/concurrency.ts';
import { notePhase, sinceStart, timed } from '../util/phase-timings.ts';

/**
 * Without compare-and-swap (distribution 2.8 and GHCR ignore If-Match), a writer that read a shared list
 * before our write can put it back without our entry. So every append made in a run is checked once the
 * run's writes are done, after a pause long enough for concurrent writers to finish, and merged in again
 * where it went missing; until a pass finds them all. This one check replaces a read after every write.
 */
export interface SettleEntry {
  /** When our entry was last written (ms since the epoch): it is checked once racing writes have had time to land. */
  readonly writtenAt: number;
  /** Whether our entry is in the list now, and whether others' entries are there beside it. */
  check(): Promise<'missing' | 'alone' | 'shared'>;
  /** Merges our entry into the list again. */
  repair(): Promise<void>;
}

/**
 * A list read longer ago than this is read again before it is written to, whatever happened in between
 * (a Rekor upload, a tag listing made earlier in the run): every writer's read-to-write window is this
 * bound plus its own write, and the pause below is built from both.
 */
export const FRESH_READ_MS = 150;

/** Whether a read made at `readAt` is still recent enough to merge into. */
export function isFresh(readAt: number, now: number = Date.now()): boolean {
  return now - readAt <= FRESH_READ_MS;
}

/**
 * Reads of shared lists kept for the merge that follows them (a read, then signing, then the write),
 * handed out once and only while fresh; a stale one is read again by the caller.
 */
export class RecentReads<T> {
  private readonly reads = new Map<string, { value: T; readAt: number }>();

  /** Makes the read now and keeps it under `key`. */
  async read(key: string, read: () => Promise<T>): Promise<T> {
    const readAt = Date.now();
    const value = await read();
    this.reads.set(key, { value, readAt });
    return value;
  }

  /** The kept read, if still fresh, left kept. */
  peek(key: string): T | undefined {
    const kept = this.reads.get(key);
    return kept && isFresh(kept.readAt) ? kept.value : undefined;
  }

  /** The kept read, if still fresh; it is forgotten either way. */
  take(key: string): T | undefined {
    const kept = this.reads.get(key);
    this.reads.delete(key);
    return kept && isFresh(kept.readAt) ? kept.value : undefined;
  }
}

const MAX_PASSES = 8;
/** Entries checked at once in a pass. */
const CHECKS_AT_ONCE = 8;

/**
 * How many times our own longest write the pause allows a concurrent writer's write to take: it runs on
 * the same machine or registry as ours, but may be scheduled later (measured: under a load of 25 on two
 * cores, pauses that did not follow the windows let 16 concurrent signers lose entries).
 */
const WRITE_MARGIN = 3;
/**
 * Spread of the repairs, so concurrent signers that found their entries dropped at once do not merge them
 * back in lockstep (and drop each other's again). A check is a read: lockstep does no harm there, and an
 * uncontended run, which repairs nothing, waits for no jitter.
 */
const JITTER_MS = 100;
/** The longest pause a loaded machine can ask for. */
const MAX_DELAY_MS = 20_000;
let longestWriteMs = 0;

/**
 * Notes how long one of our merges took from the moment its read was taken (kept, or made) to its write's
 * answer: the registry's latency and the machine's load, as a concurrent writer meets them too.
 */
export function noteWriteWindow(takenAt: number, writtenAt: number = Date.now()): void {
  longestWriteMs = Math.max(longestWriteMs, writtenAt - takenAt);
}

/**
 * The pause between our write and its check. A writer that drops our entry read the list before our
 * write and writes it back within its read-to-write window: a read of at most FRESH_READ_MS when taken
 * (this signer's bound), then its own write, which takes about what ours took. So the pause is that bound
 * plus a margin on our longest write; not a fixed floor. A writer whose window is not bounded this way
 * (cosign holds its read through signing) can still land later: README, "Concurrency".
 */
export function settleDelayMs(writeMs = longestWriteMs): number {
  return Math.min(MAX_DELAY_MS, FRESH_READ_MS + WRITE_MARGIN * writeMs);
}

/** The wait before a repair: up to JITTER_MS, drawn afresh for each. */
export function repairJitterMs(random: () => number = Math.random): number {
  return Math.floor(random() * JITTER_MS);
}

/** A short random pause between merge rounds, so concurrent writers fall out of step. */
export function mergeJitter(random: () => number = Math.random): Promise<void> {
  return new Promise((resolveWait) => setTimeout(resolveWait, 50 + Math.floor(random() * 250)));
}

export interface SettleClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly delayMs: () => number;
  readonly jitterMs: () => number;
}

/** Sleeps the pause (noted as the run's `pause` phase). */
export function pause(ms: number): Promise<void> {
  const startMs = sinceStart();
  return new Promise((resolveWait) =>
    setTimeout(() => {
      notePhase('pause', startMs);
      resolveWait();
    }, ms),
  );
}

const REAL_CLOCK: SettleClock = {
  now: Date.now,
  sleep: pause,
  delayMs: () => settleDelayMs(),
  jitterMs: () => repairJitterMs(),
};

/**
 * Checks every entry once the pause after its write is over (oldest first, so in a long run the pause
 * overlaps the checking), repairs the missing ones, and repeats until a pass repairs nothing: at least
 * one pass, two once a list was seen shared with other writers.
 */
export async function settle(
  entries: () => readonly SettleEntry[],
  clock: SettleClock = REAL_CLOCK,
): Promise<void> {
  let minPasses = 1;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    // Made once per pass: repairs of the previous pass moved their entries' write times.
    const ordered = [...entries()].sort((a, b) => a.writtenAt - b.writtenAt);
    if (ordered.length === 0) return;
    const delay = clock.delayMs();
    const passStart = clock.now();
    const checked = await mapLimit(ordered, CHECKS_AT_ONCE, async (entry) => {
      // After a repair, every list is looked at again a full pause later.
      const due = (pass === 1 ? entry.writtenAt : passStart) + delay - clock.now();
      if (due > 0) await clock.sleep(due);
      return { entry, state: await timed('check', () => entry.check()) };
    });
    if (checked.some(({ state }) => state === 'shared')) minPasses = 2;
    const repairs = checked.filter(({ state }) => state === 'missing').map(({ entry }) => entry);
    await mapLimit(repairs, CHECKS_AT_ONCE, async (entry) => {
      const spread = clock.jitterMs();
      if (spread > 0) await clock.sleep(spread);
      await entry.repair();
    });
    if (repairs.length === 0 && pass >= minPasses) return;
  }
}
