import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readRunContext } from '../../../src/github/context.ts';
import {
  appendPhaseTimings,
  notePhase,
  phaseSpans,
  timed,
  type PhaseSpan,
} from '../../../src/util/phase-timings.ts';

const span = (phase: PhaseSpan['phase']): PhaseSpan | undefined =>
  phaseSpans().find((noted) => noted.phase === phase);

describe('phase timings (the bench’s record of where a run’s time goes)', () => {
  it('keeps the first start, the last end and the sum of overlapping spans of one phase', () => {
    notePhase('sign', 100, 150);
    notePhase('sign', 120, 200);
    assert.deepEqual(span('sign'), { phase: 'sign', startMs: 100, endMs: 200, busyMs: 130, count: 2 });
  });

  it('notes a phase whose work fails, and passes the failure on', async () => {
    await assert.rejects(
      timed('resolve', () => Promise.reject(new Error('registry down'))),
      /registry down/,
    );
    assert.equal(span('resolve')?.count, 1);
  });

  it('appends one JSON line per run to the file named', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rs-timings-')), 'timings.jsonl');
    appendPhaseTimings(file);
    appendPhaseTimings(file);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 2);
    const record = JSON.parse(lines[0] ?? '') as { totalMs: number; phases: PhaseSpan[] };
    assert.ok(record.phases.some((noted) => noted.phase === 'sign'));
  });

  it('is written only when the run names a file (RELEASE_SIGNER_TIMINGS); off by default', () => {
    assert.equal(readRunContext({}).timingsFile, undefined);
    assert.equal(readRunContext({ RELEASE_SIGNER_TIMINGS: '/tmp/t.jsonl' }).timingsFile, '/tmp/t.jsonl');
  });
});
