import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../src/errors.ts';
import { signAll, type Services, type WrittenCheck } from '../../src/pipeline.ts';
import type { GateDecision } from '../../src/provenance/gate.ts';
import type { FetchedManifest } from '../../src/registry/access.ts';
import { PlanningWriter, type FormatWriter, type SettledReads } from '../../src/signatures/format-writer.ts';
import type { PublishRecord } from '../../src/signatures/target.ts';
import type { SignTarget } from '../../src/subjects/sign-target.ts';
import type { Digest, ImageRef } from '../../src/subjects/reference.ts';

const digest = (byte: string): Digest => `sha256:${byte.repeat(64)}`;
const subject: ImageRef = { registry: 'ghcr.io', repository: 'acme/app', digest: digest('0') };
const storage = { registry: subject.registry, repository: subject.repository };
const index: SignTarget = { image: subject, mediaType: 'index', size: 1, storage };
const amd64: SignTarget = {
  image: { ...subject, digest: digest('a') },
  platform: 'linux/amd64',
  mediaType: 'manifest',
  size: 1,
  storage,
};
const arm64: SignTarget = { ...amd64, image: { ...subject, digest: digest('b') }, platform: 'linux/arm64' };

/** Both platforms refused, each for a reason of its own; the amd64 one is what the verdict names. */
const refusedPerPlatform: GateDecision = {
  verdict: 'failed',
  failure: { check: 'source-repository', expected: 'acme/app', found: 'amd64-builder/fork' },
  digest: amd64.image.digest,
  source: 'buildkit',
  others: [],
  rejections: [
    {
      failure: { check: 'source-repository', expected: 'acme/app', found: 'amd64-builder/fork' },
      digest: amd64.image.digest,
      source: 'buildkit',
    },
    {
      failure: { check: 'ref', expected: 'refs/tags/v1', found: 'refs/heads/arm64-branch' },
      digest: arm64.image.digest,
      source: 'buildkit',
    },
  ],
  exceptions: [],
};

const services = (decision: GateDecision): Services => ({
  resolver: {
    resolve: () => Promise.resolve([index, amd64, arm64]),
    resolveTag: () => Promise.reject(new Error('not used')),
  },
  gate: { check: () => Promise.resolve(decision) },
  writers: [],
});

describe('signAll', () => {
  describe('when the provenance gate refuses an index for reasons of each platform', () => {
    it("names each platform's own manifest and reason in its row, and the verdict's in the index's", async () => {
      const outcomes = await signAll([subject], services(refusedPerPlatform), { concurrency: 1 });
      const message = (target: SignTarget): string =>
        outcomes.find((outcome) => outcome.target === target)?.error?.message ?? '';
      assert.match(message(arm64), new RegExp(`manifest ${arm64.image.digest}`));
      assert.match(message(arm64), /refs\/heads\/arm64-branch/);
      assert.doesNotMatch(message(arm64), new RegExp(amd64.image.digest));
      assert.match(message(amd64), new RegExp(`manifest ${amd64.image.digest}.*amd64-builder/fork`));
      assert.match(message(index), new RegExp(`manifest ${amd64.image.digest}`));
      assert.match(
        message(index),
        /and its 2 platforms \(linux\/amd64, linux\/arm64\)/,
        'said once, for all',
      );
      const arm64Verdict = outcomes.find((outcome) => outcome.target === arm64)?.provenance;
      assert.equal(
        arm64Verdict?.verdict === 'failed' && arm64Verdict.failure.check,
        'ref',
        'the report says the same',
      );
      assert.deepEqual(
        outcomes.map((outcome) => outcome.error?.code),
        ['PROVENANCE_REJECTED', 'PROVENANCE_REJECTED', 'PROVENANCE_REJECTED'],
      );
    });
  });
});

/** A format writer whose end-of-run check answers `reads` on the next turn of the event loop. */
function settlingWriter(
  format: PublishRecord['format'],
  reads: SettledReads,
): FormatWriter & { settled: boolean } {
  const writer = {
    format,
    settled: false,
    write: (target: SignTarget): Promise<PublishRecord> =>
      Promise.resolve({
        format,
        reference: `${format}:${target.image.digest}`,
        manifestDigest: digest(format === 'legacy' ? 'c' : 'd'),
        added: true,
      }),
    settle: () =>
      new Promise<SettledReads>((resolveSettle) =>
        setImmediate(() => {
          writer.settled = true;
          resolveSettle(reads);
        }),
      ),
  };
  return writer;
}

describe('signAll read-back', () => {
  const single: ImageRef = { ...subject, digest: digest('e') };
  const target: SignTarget = { image: single, mediaType: 'manifest', size: 1, storage };
  const kept: FetchedManifest = { digest: digest('f'), mediaType: 'manifest', bytes: Buffer.from('{}') };

  function run(
    bundleReads: SettledReads,
    accepts: (record: PublishRecord, settled: SettledReads) => boolean,
  ) {
    const legacy = settlingWriter('legacy', new Map([[`legacy:${single.digest}`, kept]]));
    const bundle = settlingWriter('bundle', bundleReads);
    const checks: string[] = [];
    const readBack: WrittenCheck = {
      readsSharedList: (record) => record.format === 'legacy',
      check: async (_target, record, settled) => {
        checks.push(
          `${record.format} ${legacy.settled && bundle.settled ? 'after' : 'while'} settling${settled.has(record.reference) ? ', from the settled read' : ''}`,
        );
        if (!accepts(record, settled)) throw new SignerError('READBACK_MISMATCH', 'not what was written');
      },
    };
    const outcomes = signAll(
      [single],
      {
        resolver: {
          resolve: () => Promise.resolve([target]),
          resolveTag: () => Promise.reject(new Error('not used')),
        },
        gate: { check: () => Promise.resolve({ verdict: 'off', exceptions: [] }) },
        writers: [bundle, legacy],
        readBack,
      },
      { concurrency: 2 },
    );
    return { outcomes, checks };
  }

  it('reads back a bundle while the lists settle, and the .sig list from the end-of-run read of it', async () => {
    const { outcomes, checks } = run(new Map(), () => true);
    const [outcome] = await outcomes;
    assert.deepEqual(checks, ['bundle while settling', 'legacy after settling, from the settled read']);
    assert.equal(outcome?.status, 'signed');
    assert.deepEqual(
      outcome?.records.map((record) => `${record.format} ${record.verified}`),
      ['bundle true', 'legacy true'],
    );
  });

  it("reads back the bundle settling kept when another run's duplicate stays instead of ours", async () => {
    const { outcomes, checks } = run(new Map([[`bundle:${single.digest}`, kept]]), (record, settled) =>
      record.format === 'legacy' ? true : settled.has(record.reference),
    );
    const [outcome] = await outcomes;
    assert.deepEqual(checks, [
      'bundle while settling',
      'bundle after settling, from the settled read',
      'legacy after settling, from the settled read',
    ]);
    assert.equal(outcome?.status, 'signed', outcome?.error?.message);
    assert.ok(outcome?.records.every((record) => record.verified));
  });

  it('fails the target when a record read back while settling does not verify, and says which', async () => {
    const { outcomes } = run(new Map(), (record) => record.format === 'legacy');
    const [outcome] = await outcomes;
    assert.equal(outcome?.status, 'failed');
    assert.equal(outcome?.error?.code, 'READBACK_MISMATCH');
    assert.deepEqual(
      outcome?.records.map((record) => `${record.format} ${record.verified}`),
      ['bundle false', 'legacy true'],
    );
  });
});

/** Services for single-manifest images, provenance off. */
function eachImageItsOwnTarget(writers: FormatWriter[]): Services {
  return {
    resolver: {
      resolve: (image) => Promise.resolve([{ image, mediaType: 'manifest', size: 1, storage }]),
      resolveTag: () => Promise.reject(new Error('not used')),
    },
    gate: { check: () => Promise.resolve({ verdict: 'off', exceptions: [] }) },
    writers,
  };
}

describe('signAll: writes', () => {
  it('writes an image that passed the gate while later images still resolve', async () => {
    const events: string[] = [];
    let firstWritten = (): void => undefined;
    const firstWrite = new Promise<void>((resolveWrite) => (firstWritten = resolveWrite));
    const writer: FormatWriter = {
      ...settlingWriter('legacy', new Map()),
      write: async (target) => {
        events.push(`write ${target.image.digest.slice(-1)}`);
        firstWritten();
        return { format: 'legacy', reference: target.image.digest, manifestDigest: digest('c'), added: true };
      },
    };
    const services = eachImageItsOwnTarget([writer]);
    const images = ['1', '2'].map((byte): ImageRef => ({ ...subject, digest: digest(byte) }));
    const outcomes = await signAll(
      images,
      {
        ...services,
        resolver: {
          ...services.resolver,
          resolve: async (image) => {
            // The second image resolves only once the first is being written (or gives up waiting).
            if (image.digest === digest('2'))
              await Promise.race([firstWrite, new Promise((giveUp) => setTimeout(giveUp, 500))]);
            events.push(`resolved ${image.digest.slice(-1)}`);
            return services.resolver.resolve(image);
          },
        },
      },
      { concurrency: 2 },
    );
    assert.deepEqual(events, ['resolved 1', 'write 1', 'resolved 2', 'write 2']);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['signed', 'signed'],
    );
  });

  it('writes a manifest reached by two images once, and reports it for each', async () => {
    const writes: string[] = [];
    const writer: FormatWriter = {
      ...settlingWriter('legacy', new Map()),
      write: async (target) => {
        writes.push(target.image.digest);
        return { format: 'legacy', reference: target.image.digest, manifestDigest: digest('c'), added: true };
      },
    };
    const services = eachImageItsOwnTarget([writer]);
    const outcomes = await signAll(
      [subject, amd64.image],
      {
        ...services,
        resolver: {
          ...services.resolver,
          resolve: async (image) => (image.digest === subject.digest ? [index, amd64] : [amd64]),
        },
      },
      { concurrency: 2 },
    );
    assert.deepEqual(writes.sort(), [subject.digest, amd64.image.digest].sort());
    assert.deepEqual(
      outcomes.map((outcome) => `${outcome.target?.image.digest.slice(-1)} ${outcome.status}`),
      ['0 signed', 'a signed', 'a signed'],
    );
  });
});

describe('signAll read-back of a large run', () => {
  it('reads what the checks will need while the lists settle, no more of it at once than the run’s concurrency', async () => {
    const images: ImageRef[] = ['1', '2', '3', '4', '5', '6', '7'].map((byte) => ({
      ...subject,
      digest: digest(byte),
    }));
    let reading = 0;
    let mostAtOnce = 0;
    const prefetched: string[] = [];
    const readBack: WrittenCheck = {
      readsSharedList: () => true,
      prefetch: async (target) => {
        reading++;
        mostAtOnce = Math.max(mostAtOnce, reading);
        await new Promise((resolveRead) => setTimeout(resolveRead, 5));
        prefetched.push(target.image.digest);
        reading--;
      },
      check: async () => undefined,
    };
    const outcomes = await signAll(
      images,
      { ...eachImageItsOwnTarget([settlingWriter('legacy', new Map())]), readBack },
      { concurrency: 2 },
    );
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      images.map(() => 'signed'),
    );
    assert.equal(prefetched.length, images.length, 'every record is read');
    assert.equal(mostAtOnce, 2);
  });
});

describe('signAll in a dry run', () => {
  const single: ImageRef = { ...subject, digest: digest('e') };
  const target: SignTarget = { image: single, mediaType: 'manifest', size: 1, storage };
  const sign = (writers: FormatWriter[]) =>
    signAll(
      [single],
      {
        resolver: {
          resolve: () => Promise.resolve([target]),
          resolveTag: () => Promise.reject(new Error('not used')),
        },
        gate: { check: () => Promise.resolve({ verdict: 'off', exceptions: [] }) },
        writers,
      },
      { concurrency: 1 },
    );

  it('reports what planning writers made as planned, not signed', async () => {
    const [outcome] = await sign([new PlanningWriter(settlingWriter('legacy', new Map()))]);
    assert.equal(outcome?.status, 'planned');
    assert.deepEqual(
      outcome?.records.map((record) => record.planned),
      [true],
    );
  });

  it('keeps a signature found already there as already signed: nothing was planned for it', async () => {
    const found: FormatWriter = {
      format: 'legacy',
      write: () =>
        Promise.resolve({ format: 'legacy', reference: 'r', manifestDigest: digest('c'), added: false }),
      settle: () => Promise.resolve(new Map()),
    };
    const [outcome] = await sign([new PlanningWriter(found)]);
    assert.equal(outcome?.status, 'already-signed');
  });
});
