import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeBundleFiles } from '../../../src/report/bundle-files.ts';
import type { TargetOutcome } from '../../../src/report/outcome.ts';
import { digestOf, signedOutcome } from './fixtures.ts';

const subject = { registry: 'localhost:5000', repository: 'acme/app', digest: digestOf(0) };

/** One signed manifest with a bundle per format (none when `withBundles` is false). */
const outcome = (n: number, withBundles = true): TargetOutcome =>
  signedOutcome(subject, n, (format) => (withBundles ? { bundle: `{"format":"${format}","n":${n}}` } : {}));

describe('writeBundleFiles', () => {
  it('writes every bundle under release-signer/, named after registry, repository, digest and format', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'rs-bundles-'));
    const outcomes = Array.from({ length: 40 }, (_, i) => outcome(i + 1));
    const paths = await writeBundleFiles(outcomes, temp);
    const hex = digestOf(7).slice('sha256:'.length);
    const seventh = join(
      temp,
      'release-signer',
      `localhost_5000+acme+app+sha256-${hex}.legacy.sigstore.json`,
    );
    assert.equal(paths.length, 80);
    assert.equal(paths[13], seventh, 'in the outcomes’ order');
    assert.equal(readFileSync(seventh, 'utf8'), '{"format":"legacy","n":7}');
    assert.equal(readdirSync(join(temp, 'release-signer')).length, 80);
  });

  it('writes a manifest reached twice once, with the first bundle', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'rs-bundles-'));
    const again = outcome(1);
    const paths = await writeBundleFiles(
      [outcome(1), { ...again, records: again.records.map((record) => ({ ...record, bundle: 'later' })) }],
      temp,
    );
    assert.equal(paths.length, 2);
    for (const path of paths) assert.notEqual(readFileSync(path, 'utf8'), 'later');
  });

  it('makes no folder when there is no bundle to write', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'rs-bundles-'));
    assert.deepEqual(
      await writeBundleFiles([outcome(1, false), { subject, status: 'failed', records: [] }], temp),
      [],
    );
    assert.equal(existsSync(join(temp, 'release-signer')), false);
  });
});
