import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BundleFiles } from '../../../src/report/bundle-files.ts';
import type { TargetOutcome } from '../../../src/report/outcome.ts';
import { BundleFilingWriter, type FormatWriter } from '../../../src/signatures/format-writer.ts';
import type { PublishRecord } from '../../../src/signatures/target.ts';
import { digestOf, signedOutcome } from './fixtures.ts';

const subject = { registry: 'localhost:5000', repository: 'acme/app', digest: digestOf(0) };

/** One signed manifest with a bundle per format (none when `withBundles` is false). */
const outcome = (n: number, withBundles = true): TargetOutcome =>
  signedOutcome(subject, n, (format) => (withBundles ? { bundle: `{"format":"${format}","n":${n}}` } : {}));

describe('BundleFiles.write', () => {
  it('writes every bundle under release-signer/, named after registry, repository, digest and format', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'rs-bundles-'));
    const outcomes = Array.from({ length: 40 }, (_, i) => outcome(i + 1));
    const paths = await new BundleFiles(temp).write(outcomes);
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
    const paths = await new BundleFiles(temp).write([
      outcome(1),
      { ...again, records: again.records.map((record) => ({ ...record, bundle: 'later' })) },
    ]);
    assert.equal(paths.length, 2);
    for (const path of paths) assert.notEqual(readFileSync(path, 'utf8'), 'later');
  });

  it('makes no folder when there is no bundle to write', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'rs-bundles-'));
    assert.deepEqual(
      await new BundleFiles(temp).write([outcome(1, false), { subject, status: 'failed', records: [] }]),
      [],
    );
    assert.equal(existsSync(join(temp, 'release-signer')), false);
  });
});

/** A writer whose records carry a bundle naming its format and digest, as the format writers' records do. */
function bundlingWriter(format: PublishRecord['format']): FormatWriter {
  return {
    format,
    write: async (target) => ({
      format,
      reference: `${format} of ${target.image.digest}`,
      manifestDigest: target.image.digest,
      added: true,
      bundle: `{"format":"${format}","digest":"${target.image.digest}"}`,
    }),
    settle: async () => new Map(),
  };
}

/** Resolves once the file holds something: written in the background, it is there before any report. */
async function whenWritten(path: string): Promise<string> {
  for (let turn = 0; turn < 100_000; turn++) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      if (text !== '') return text;
    }
    await new Promise((resolveLater) => setImmediate(resolveLater));
  }
  assert.fail(`${path} was not written`);
}

describe('BundleFilingWriter', () => {
  it('writes each bundle to its file as its record is made, before the report, and keeps no bundle', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'rs-bundles-'));
    const files = new BundleFiles(temp);
    const writer = new BundleFilingWriter(bundlingWriter('bundle'), files);
    const target = outcome(3).target;
    if (!target) assert.fail('the fixture has a target');

    const record = await writer.write(target);

    assert.equal(record.bundle, undefined, 'the record does not hold the bundle until the report');
    assert.equal(record.bundleFiled, true);
    const hex = digestOf(3).slice('sha256:'.length);
    const path = join(temp, 'release-signer', `localhost_5000+acme+app+sha256-${hex}.bundle.sigstore.json`);
    assert.equal(await whenWritten(path), `{"format":"bundle","digest":"${digestOf(3)}"}`);
  });

  it('lists the files written early with the others, in the outcomes’ order, each once', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'rs-bundles-'));
    const files = new BundleFiles(temp);
    const writers = [bundlingWriter('bundle'), bundlingWriter('legacy')].map(
      (inner) => new BundleFilingWriter(inner, files),
    );
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, async (_, i): Promise<TargetOutcome> => {
        const given = outcome(i + 1, false);
        const target = given.target;
        if (!target) assert.fail('the fixture has a target');
        // Every third manifest keeps its bundles in its records, as a dry run's writers leave them.
        const records =
          i % 3 === 0
            ? given.records.map((record) => ({ ...record, bundle: `{"kept":${i + 1}}` }))
            : await Promise.all(writers.map((writer) => writer.write(target)));
        return { ...given, records };
      }),
    );

    const paths = await files.write([...outcomes, outcomes[4] as TargetOutcome]);

    const nameOf = (n: number, format: string): string =>
      join(
        temp,
        'release-signer',
        `localhost_5000+acme+app+sha256-${digestOf(n).slice(7)}.${format}.sigstore.json`,
      );
    assert.deepEqual(
      paths,
      Array.from({ length: 40 }, (_, i) => [nameOf(i + 1, 'bundle'), nameOf(i + 1, 'legacy')]).flat(),
    );
    assert.equal(readdirSync(join(temp, 'release-signer')).length, 80);
    assert.equal(readFileSync(paths[8] as string, 'utf8'), `{"format":"bundle","digest":"${digestOf(5)}"}`);
    assert.equal(readFileSync(paths[0] as string, 'utf8'), '{"kept":1}');
  });

  it('fails the report when a bundle file could not be written', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'rs-bundles-'));
    // A file where the folder should be: no bundle can be written below it.
    writeFileSync(join(temp, 'release-signer'), 'not a folder');
    const files = new BundleFiles(temp);
    const target = outcome(1).target;
    if (!target) assert.fail('the fixture has a target');
    const record = await new BundleFilingWriter(bundlingWriter('legacy'), files).write(target);

    await assert.rejects(files.write([{ ...outcome(1, false), records: [record] }]), { code: 'EEXIST' });
  });
});
