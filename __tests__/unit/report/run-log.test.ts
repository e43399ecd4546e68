import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TargetOutcome } from '../../../src/report/outcome.ts';
import { logImageOutcomes } from '../../../src/report/run-log.ts';
import { toDigestRef } from '../../../src/subjects/reference.ts';
import { digestOf, signedOutcome } from './fixtures.ts';

const subject = { registry: 'localhost:5000', repository: 'acme/app', digest: digestOf(0) };

/** What the runner reads on the step's stdout while `work` runs, write by write. */
function capturedWrites(work: () => void): string[] {
  const writes: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    writes.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    work();
  } finally {
    process.stdout.write = write;
  }
  return writes;
}

const signedLine = (n: number): string =>
  `signed ${toDigestRef({ ...subject, digest: digestOf(n) })} (linux/amd64): bundle of ${n}, legacy of ${n}\n`;

describe('logImageOutcomes', () => {
  it('tells one line per manifest in order, errors as commands in their place, in a few writes', () => {
    const outcomes: TargetOutcome[] = Array.from({ length: 150 }, (_, i) => signedOutcome(subject, i + 1));
    const failed: TargetOutcome = {
      ...signedOutcome(subject, 900),
      status: 'failed',
      records: [],
      error: { code: 'READBACK_MISMATCH', message: 'not what was written' },
    };
    outcomes.splice(100, 0, failed);

    const writes = capturedWrites(() => logImageOutcomes(outcomes));

    const expected = [
      ...Array.from({ length: 100 }, (_, i) => signedLine(i + 1)),
      `::error::${toDigestRef({ ...subject, digest: digestOf(900) })} (linux/amd64): not what was written\n`,
      ...Array.from({ length: 50 }, (_, i) => signedLine(i + 101)),
    ];
    assert.equal(writes.join(''), expected.join(''));
    assert.ok(writes.length <= 5, `${writes.length} writes for 151 lines`);
  });

  it('keeps a line that looks like a command from running, in a write of many lines', () => {
    const outcome = signedOutcome(subject, 1);
    const sneaky: TargetOutcome = {
      ...outcome,
      target: {
        ...(outcome.target as NonNullable<TargetOutcome['target']>),
        platform: 'x\n::stop-commands::t',
      },
    };
    const text = capturedWrites(() => logImageOutcomes([signedOutcome(subject, 2), sneaky])).join('');
    assert.doesNotMatch(text, /^::stop-commands::/m);
  });
});
