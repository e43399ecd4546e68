import { limiter, mapLimit } from '../util/concurrency.ts';
import { notePhase, sinceStart, timed } from '../util/phase-timings.ts';

/**
 * Without compare-and-swap (distribution 2.8 and GHCR ignore If-Match), a writer that read a shared list
 * before our write can put it back without our entry. So every append made in a run is checked after a
 * pause long enough for concurrent writers to finish (while the run's later writes go on), and merged in
 * again where it went missing; until a pass finds them all. This one check replaces a read after every
 * write.
 */
export interface SettleEntry extends Written {
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
/** While the run still writes, how often the first pass looks for entries written since. */
const LOOK_AGAIN_MS = 25;

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
  /** The pause before a check (the run's `pause` phase). */
  readonly sleep: (ms: number) => Promise<void>;
  /** A wait for the run's next writes. */
  readonly idle: (ms: number) => Promise<void>;
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
  // Unreferenced: the run's last look races the end of its writes, and must not hold the process open.
  idle: (ms) => new Promise((resolveWait) => void setTimeout(resolveWait, ms).unref()),
  delayMs: () => settleDelayMs(),
  jitterMs: () => repairJitterMs(),
};

interface Checked {
  readonly entry: SettleEntry;
  readonly state: Awaited<ReturnType<SettleEntry['check']>>;
}

/**
 * Waits until the pause after a write made at `since` is over; the pause follows our longest write, which
 * may grow meanwhile. Nothing to wait for when it is over already (then the caller goes on at once).
 */
export function pauseAfter(since: number, clock: SettleClock = REAL_CLOCK): Promise<void> | undefined {
  const due = since + clock.delayMs() - clock.now();
  return due > 0 ? clock.sleep(due).then(() => pauseAfter(since, clock)) : undefined;
}

async function checkWhenDue(
  entry: SettleEntry,
  clock: SettleClock,
  since = entry.writtenAt,
): Promise<Checked> {
  const pausing = pauseAfter(since, clock);
  if (pausing) await pausing;
  return { entry, state: await timed('check', () => entry.check()) };
}

/** A write whose list is looked at again once the pause after it is over. */
export interface Written {
  /** The list and our entry in it. */
  readonly key: string;
  readonly writtenAt: number;
  /** Its write is still going on: looked at once it is done. */
  readonly writing?: boolean;
}

/**
 * Visits everything `written()` lists, once each, oldest first, at most `atOnce` at a time, starting while
 * the run still writes (what is written meanwhile is picked up within LOOK_AGAIN_MS), so that in a long
 * run the looks at early writes overlap the later writes. It ends once the writes are done (`writesDone`;
 * without it, they are) and everything is visited. `visit` waits for the pause itself.
 */
export async function visitAsWritten<T extends Written, R>(
  written: () => readonly T[],
  visit: (item: T) => Promise<R>,
  { clock = REAL_CLOCK, writesDone, atOnce = CHECKS_AT_ONCE }: VisitOptions = {},
): Promise<R[]> {
  let writing = writesDone !== undefined;
  const done = writesDone?.then(
    () => void (writing = false),
    () => void (writing = false),
  );
  const slot = limiter(atOnce);
  const seen = new Set<string>();
  const visits: Promise<R>[] = [];
  for (;;) {
    const lastLook = !writing;
    const ready = written()
      .filter((item) => !seen.has(item.key) && (lastLook || !item.writing))
      .sort((a, b) => a.writtenAt - b.writtenAt);
    for (const item of ready) {
      seen.add(item.key);
      visits.push(slot(() => visit(item)));
    }
    if (lastLook) return Promise.all(visits);
    await Promise.race([done, clock.idle(LOOK_AGAIN_MS)]);
  }
}

export interface VisitOptions {
  readonly clock?: SettleClock;
  readonly writesDone?: Promise<unknown>;
  readonly atOnce?: number;
}

/**
 * Checks every entry once the pause after its write is over (oldest first, so in a long run the pause
 * overlaps the checking), repairs the missing ones, and repeats until a pass repairs nothing: at least
 * one pass, two once a list was seen shared with other writers. The first pass may start before the
 * run's writes are done (`writesDone`; without it, they are).
 */
export async function settle(
  entries: () => readonly SettleEntry[],
  clock: SettleClock = REAL_CLOCK,
  writesDone?: Promise<unknown>,
): Promise<void> {
  let minPasses = 1;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    let checked: Checked[];
    if (pass === 1)
      checked = await visitAsWritten(entries, (entry) => checkWhenDue(entry, clock), { clock, writesDone });
    else {
      // After a repair, every list is looked at again a full pause later.
      const passStart = clock.now();
      checked = await mapLimit([...entries()], CHECKS_AT_ONCE, (entry) =>
        checkWhenDue(entry, clock, passStart),
      );
    }
    if (checked.length === 0) return;
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
