import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TargetOutcome } from '../../../src/report/outcome.ts';
import { toReportEntries, toStepOutputs } from '../../../src/report/outputs.ts';
import { renderSummary } from '../../../src/report/summary.ts';
import { digestOf, signedOutcome } from './fixtures.ts';

const MODE = { dryRun: false, reason: 'release run', sendsCredentials: true, notes: [] };
const SIGNER = { mode: 'key', publicKeyPem: 'PEM' } as const;

/** An index of `count` platforms, all signed in both formats, and one failure at the end. */
function manyOutcomes(count: number): TargetOutcome[] {
  const subject = { registry: 'ghcr.io', repository: 'acme/app', digest: digestOf(0), tag: 'v1' };
  const outcomes: TargetOutcome[] = Array.from({ length: count }, (_, i) =>
    signedOutcome(subject, i + 1, (_format, digest) => ({
      reference: `ghcr.io/acme/app:${digest.replace(':', '-')}.sig`,
      verified: true,
    })),
  );
  outcomes.push({
    subject,
    status: 'failed',
    records: [],
    error: { code: 'SIGN_FAILED', message: 'the last one' },
  });
  return outcomes;
}

describe('toStepOutputs', () => {
  describe('when the report is larger than one output may be', () => {
    const outcomes = manyOutcomes(12_000);
    const entries = toReportEntries(outcomes, [], MODE);
    const paths = outcomes.map((_, i) => `/runner/temp/release-signer/${digestOf(i)}.bundle.sigstore.json`);
    const outputs = toStepOutputs(
      entries,
      outcomes,
      SIGNER,
      paths,
      MODE,
      '/runner/temp/release-signer/report.json',
    );

    it('keeps every output under 1 MB', () => {
      for (const [name, value] of Object.entries(outputs))
        assert.ok(Buffer.byteLength(value) < 1_000_000, `${name}: ${Buffer.byteLength(value)} bytes`);
    });

    it('says it cut them and where the whole report is, with failures kept first', () => {
      assert.equal(outputs.truncated, 'true');
      assert.equal(outputs['report-path'], '/runner/temp/release-signer/report.json');
      const shown = JSON.parse(outputs.signatures ?? '') as { status: string }[];
      assert.equal(shown[0]?.status, 'failed');
      assert.ok(shown.length > 1000 && shown.length < entries.length);
      assert.equal(outputs.signed, '12000');
    });
  });

  it('gives the whole list and truncated false when it fits', () => {
    const outcomes = manyOutcomes(3);
    const outputs = toStepOutputs(toReportEntries(outcomes, [], MODE), outcomes, SIGNER, [], MODE, '/r.json');
    assert.equal(outputs.truncated, 'false');
    assert.equal((JSON.parse(outputs.signatures ?? '') as unknown[]).length, 4);
  });
});

describe('renderSummary', () => {
  it('stops short of 1 MiB, failures first, and says where the rest is', () => {
    const markdown = renderSummary(manyOutcomes(12_000), [], {
      publicRekor: false,
      signer: { mode: 'dry-run' },
      transparency: 'tlog',
      mode: MODE,
      reportPath: '/runner/temp/release-signer/report.json',
    });
    assert.ok(Buffer.byteLength(markdown) < 1024 * 1024, `${Buffer.byteLength(markdown)} bytes`);
    assert.match(markdown, /\d+ more row\(s\) not shown.*`\/runner\/temp\/release-signer\/report\.json`/);
    assert.ok(markdown.indexOf('❌ failed') < markdown.indexOf('✅ signed'));
  });
});
