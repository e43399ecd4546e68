import { appendFileSync } from 'node:fs';

/**
 * Where a run's time goes, for the bench (bench/small-release.ts): kept in memory always (a few numbers
 * per phase), written only when the run names a file (RELEASE_SIGNER_TIMINGS, github/context.ts). Times
 * are milliseconds since the process started, so `start-up` is Node's own start plus loading the entry.
 */
export type Phase =
  | 'start-up'
  | 'connect'
  | 'load-signing'
  | 'wire'
  | 'resolve'
  | 'provenance'
  | 'sign'
  | 'write'
  | 'pause'
  | 'check'
  | 'read-back'
  | 'report';

/** A phase's first start, last end (phases of many images overlap), and the sum of its own durations. */
export interface PhaseSpan {
  readonly phase: Phase;
  readonly startMs: number;
  readonly endMs: number;
  readonly busyMs: number;
  readonly count: number;
}

const spans = new Map<Phase, PhaseSpan>();

/** Milliseconds since the process started. */
export const sinceStart = (): number => performance.now();

export function notePhase(phase: Phase, startMs: number, endMs: number = sinceStart()): void {
  const seen = spans.get(phase);
  spans.set(phase, {
    phase,
    startMs: Math.min(seen?.startMs ?? startMs, startMs),
    endMs: Math.max(seen?.endMs ?? endMs, endMs),
    busyMs: (seen?.busyMs ?? 0) + (endMs - startMs),
    count: (seen?.count ?? 0) + 1,
  });
}

/** Runs `work` and notes its duration under `phase`, whether it succeeds or not. */
export async function timed<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
  const startMs = sinceStart();
  try {
    return await work();
  } finally {
    notePhase(phase, startMs);
  }
}

export function phaseSpans(): PhaseSpan[] {
  return [...spans.values()].sort((a, b) => a.startMs - b.startMs);
}

/** Appends one JSON line: the run's phases and its total so far. */
export function appendPhaseTimings(path: string): void {
  const record = { totalMs: sinceStart(), phases: phaseSpans() };
  appendFileSync(path, `${JSON.stringify(record)}\n`);
}
