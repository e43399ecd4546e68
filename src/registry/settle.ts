import { mapLimit } from '../util/concurrency.ts';

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
 * A list read longer ago than this is read again before it is written to. Every writer's read-to-write
 * window stays a few requests long, well inside the pause below, whatever happened in between (a Rekor
 * upload, a tag listing made earlier in the run).
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

/** How many times the longest read-to-write window this run saw the pause lasts at least. */
const WINDOW_MARGIN = 3;
/** The longest pause a loaded machine can ask for. */
const MAX_DELAY_MS = 20_000;
let longestWindowMs = 0;

/**
 * Notes how long one of our merges took from its read to its write. A concurrent signer on the same
 * machine or registry sees about the same latencies, and its stale write can land that long after ours:
 * the pause before our check must outlast it, or a drop goes unseen (measured: under a load of 25 on two
 * cores, fixed pauses of 0.5 to 1.5 s let 16 concurrent signers lose entries).
 */
export function noteWriteWindow(readAt: number, writtenAt: number = Date.now()): void {
  longestWindowMs = Math.max(longestWindowMs, writtenAt - readAt);
}

/**
 * The pause between our write and its check: long enough for another signer's read-merge-write (a few
 * requests, longer on a loaded machine) to land, with jitter so concurrent signers do not check in lockstep.
 */
export function settleDelayMs(random: () => number = Math.random, windowMs = longestWindowMs): number {
  const base = 500 + Math.floor(random() * 1_000);
  return Math.min(MAX_DELAY_MS, Math.max(base, WINDOW_MARGIN * windowMs + Math.floor(random() * 500)));
}

/** A short random pause between merge rounds, so concurrent writers fall out of step. */
export function mergeJitter(random: () => number = Math.random): Promise<void> {
  return new Promise((resolveWait) => setTimeout(resolveWait, 50 + Math.floor(random() * 250)));
}

export interface SettleClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly delayMs: () => number;
}

const REAL_CLOCK: SettleClock = {
  now: Date.now,
  sleep: (ms) => new Promise((resolveWait) => setTimeout(resolveWait, ms)),
  delayMs: () => settleDelayMs(),
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
      return { entry, state: await entry.check() };
    });
    if (checked.some(({ state }) => state === 'shared')) minPasses = 2;
    const repairs = checked.filter(({ state }) => state === 'missing').map(({ entry }) => entry);
    await mapLimit(repairs, CHECKS_AT_ONCE, (entry) => entry.repair());
    if (repairs.length === 0 && pass >= minPasses) return;
  }
}
