import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { bundleToJSON } from '@sigstore/bundle';
import type { Descriptor } from '../../../src/registry/manifest.ts';
import {
  ANNOTATION_BUNDLE_PREDICATE_TYPE,
  ANNOTATION_CREATED,
  EMPTY_CONFIG_DIGEST,
  OCI_EMPTY,
  OCI_MANIFEST,
  SIGSTORE_BUNDLE_V03,
} from '../../../src/registry/media-types.ts';
import { toCosignBundle } from '../../../src/signatures/bundle-format.ts';
import { byAge, OurBundles, type OurBundle } from '../../../src/signatures/our-bundles.ts';
import {
  COSIGN_SIGN_PREDICATE,
  IN_TOTO_PAYLOAD_TYPE,
  toCosignSignStatement,
} from '../../../src/signatures/statement.ts';
import type { Digest } from '../../../src/subjects/reference.ts';
import { sha256Digest } from '../../../src/util/digest.ts';
import { REPOSITORY, targetOf, throwawaySigner } from './fixtures.ts';
import { MemoryRegistry } from './memory-registry.ts';

const SUBJECT = targetOf('the signed image manifest').image.digest;
const STATEMENT = toCosignSignStatement(SUBJECT, {});
const SIGNED = { statement: STATEMENT, predicateType: COSIGN_SIGN_PREDICATE };
const us = throwawaySigner();
const someoneElse = throwawaySigner();

async function dsseJson(signer = us, statement = STATEMENT): Promise<Buffer> {
  const bundle = await signer.envelopes.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE });
  return Buffer.from(JSON.stringify(bundleToJSON(toCosignBundle(bundle))));
}

interface ReferrerShape {
  json?: Buffer;
  /** null: a referrer without subject. */
  subject?: Digest | null;
  created?: string;
  layers?: { mediaType: string; size: number; digest: string }[];
}

/** A referrer manifest with its bundle blob, as cosign v3 or a look-alike pushed it; its index entry. */
function attach(registry: MemoryRegistry, shape: ReferrerShape & { json: Buffer }): Descriptor {
  const layer = {
    mediaType: SIGSTORE_BUNDLE_V03,
    size: shape.json.length,
    digest: registry.plantBlob(REPOSITORY, shape.json),
  };
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: OCI_EMPTY, size: 2, digest: EMPTY_CONFIG_DIGEST },
    layers: shape.layers ?? [layer],
    ...(shape.created ? { annotations: { [ANNOTATION_CREATED]: shape.created } } : {}),
    ...(shape.subject === null
      ? {}
      : { subject: { mediaType: OCI_MANIFEST, size: 25, digest: shape.subject ?? SUBJECT } }),
    artifactType: SIGSTORE_BUNDLE_V03,
  };
  const digest = registry.plantManifest(REPOSITORY, 'unused', manifest, OCI_MANIFEST);
  return { mediaType: OCI_MANIFEST, digest, size: JSON.stringify(manifest).length };
}

describe('OurBundles.among', () => {
  let registry: MemoryRegistry;
  let ours: OurBundles;
  beforeEach(() => {
    registry = new MemoryRegistry();
    ours = new OurBundles({ verification: us.verification, requireLogEntry: false });
  });

  const found = async (listed: readonly Descriptor[], wanted?: number): Promise<Digest[]> =>
    (await ours.among(registry, REPOSITORY, SUBJECT, SIGNED, listed, wanted)).map(
      (bundle) => bundle.fetched.digest,
    );

  it('finds our bundles over this statement in list order, with their JSON and created time', async () => {
    const json = await dsseJson();
    const first = attach(registry, { json, created: '2026-01-02T00:00:00Z' });
    const second = attach(registry, { json: await dsseJson() });
    const [bundle, other] = await ours.among(registry, REPOSITORY, SUBJECT, SIGNED, [first, second]);
    assert.equal(bundle?.fetched.digest, first.digest);
    assert.equal(bundle.json, json.toString());
    assert.equal(bundle.created, '2026-01-02T00:00:00Z');
    assert.equal(bundle.bundle.content.$case, 'dsseEnvelope');
    assert.equal(other?.fetched.digest, second.digest);
    assert.equal(other.created, '');
  });

  it('finds ours again when asked again (only what is not ours is remembered)', async () => {
    const listed = [attach(registry, { json: await dsseJson() })];
    assert.deepEqual(await found(listed), [listed[0]?.digest]);
    assert.deepEqual(await found(listed), [listed[0]?.digest]);
  });

  it('stops at the number wanted', async () => {
    const listed = [
      attach(registry, { json: await dsseJson() }),
      attach(registry, { json: await dsseJson() }),
    ];
    assert.deepEqual(await found(listed, 1), [listed[0]?.digest]);
  });

  const notOurs: [string, () => Promise<ReferrerShape & { json: Buffer }>][] = [
    ['signed by another key', async () => ({ json: await dsseJson(someoneElse) })],
    [
      'over another statement',
      async () => ({ json: await dsseJson(us, toCosignSignStatement(SUBJECT, { a: 'b' })) }),
    ],
    [
      'naming another subject',
      async () => ({ json: await dsseJson(), subject: sha256Digest(Buffer.from('other')) }),
    ],
    ['naming no subject', async () => ({ json: await dsseJson(), subject: null })],
    ['holding no JSON', async () => ({ json: Buffer.from('not json') })],
    [
      'holding a message signature',
      async () => {
        const bundle = await us.messages.create({ data: STATEMENT });
        return { json: Buffer.from(JSON.stringify(bundleToJSON(bundle))) };
      },
    ],
  ];
  for (const [what, shape] of notOurs) {
    it(`does not count a bundle ${what}`, async () => {
      assert.deepEqual(await found([attach(registry, await shape())]), []);
    });
  }

  it('does not count a referrer with a second layer, or whose layer is not a bundle', async () => {
    const json = await dsseJson();
    const bundleLayer = {
      mediaType: SIGSTORE_BUNDLE_V03,
      size: json.length,
      digest: registry.plantBlob(REPOSITORY, json),
    };
    const twoLayers = attach(registry, { json, layers: [bundleLayer, bundleLayer] });
    const notBundle = attach(registry, { json, layers: [{ ...bundleLayer, mediaType: 'application/json' }] });
    assert.deepEqual(await found([twoLayers, notBundle]), []);
  });

  it('skips an entry whose manifest is gone', async () => {
    const listed = attach(registry, { json: await dsseJson() });
    assert.deepEqual(await found([{ ...listed, digest: sha256Digest(Buffer.from('gone')) }, listed]), [
      listed.digest,
    ]);
  });

  describe('the index entries, which are hints', () => {
    const entries: [string, Partial<Descriptor>, boolean][] = [
      ['without artifactType or annotations', {}, true],
      ['with the bundle artifactType', { artifactType: SIGSTORE_BUNDLE_V03 }, true],
      [
        'with an older bundle artifactType',
        { artifactType: 'application/vnd.dev.sigstore.bundle+json;version=0.2' },
        true,
      ],
      ['with the empty artifactType older cosign wrote', { artifactType: OCI_EMPTY }, true],
      [
        'with our predicate type',
        { annotations: { [ANNOTATION_BUNDLE_PREDICATE_TYPE]: COSIGN_SIGN_PREDICATE } },
        true,
      ],
    ];
    for (const [what, hint, opened] of entries) {
      it(`opens an entry ${what}`, async () => {
        const listed = attach(registry, { json: await dsseJson() });
        assert.deepEqual(await found([{ ...listed, ...hint }]), opened ? [listed.digest] : []);
      });
    }

    const skipped: [string, Partial<Descriptor>][] = [
      ['an SBOM artifactType', { artifactType: 'application/spdx+json' }],
      [
        'another predicate type',
        { annotations: { [ANNOTATION_BUNDLE_PREDICATE_TYPE]: 'https://slsa.dev/provenance/v1' } },
      ],
    ];
    for (const [what, hint] of skipped) {
      it(`does not even open an entry with ${what}`, async () => {
        const listed = attach(registry, { json: await dsseJson() });
        assert.deepEqual(await found([{ ...listed, ...hint }]), []);
        assert.deepEqual(registry.manifestReads, []);
      });
    }
  });

  it('opens a referrer found not ours only once in a run', async () => {
    const theirs = attach(registry, { json: await dsseJson(someoneElse) });
    await found([theirs]);
    await found([theirs]);
    assert.deepEqual(registry.manifestReads, [`GET ${REPOSITORY}:${theirs.digest}`]);
  });

  it('looks at no more than 64 entries', async () => {
    const theirs = attach(registry, { json: await dsseJson(someoneElse) });
    const listed = Array.from({ length: 64 }, (_, n) => ({
      ...theirs,
      digest: sha256Digest(Buffer.from(`gone ${n}`)),
    }));
    const mine = attach(registry, { json: await dsseJson() });
    assert.deepEqual(await found([...listed, mine]), []);
    assert.deepEqual(await found([...listed.slice(1), mine]), [mine.digest]);
  });

  it('with a log entry required, does not count our bundle without one', async () => {
    const strict = new OurBundles({ verification: us.verification, requireLogEntry: true });
    const listed = attach(registry, { json: await dsseJson() });
    assert.deepEqual(await strict.among(registry, REPOSITORY, SUBJECT, SIGNED, [listed]), []);
  });
});

function bundleOf(created: string, digest: string): OurBundle {
  return { created, fetched: { digest } } as unknown as OurBundle;
}

describe('byAge', () => {
  it('orders bundles of one time by digest, whichever comes first', () => {
    const [low, high] = [
      bundleOf('2026-01-01T00:00:00Z', 'sha256:0c'),
      bundleOf('2026-01-01T00:00:00Z', 'sha256:cc'),
    ];
    assert.ok(byAge(low, high) < 0);
    assert.ok(byAge(high, low) > 0);
  });

  const bundle = bundleOf;
  it('puts the older first, then one without a time, ties by digest', () => {
    const sorted = [
      bundle('', 'sha256:aa'),
      bundle('2026-01-02T00:00:00Z', 'sha256:bb'),
      bundle('2026-01-01T00:00:00Z', 'sha256:cc'),
      bundle('2026-01-01T00:00:00Z', 'sha256:0c'),
    ].sort(byAge);
    assert.deepEqual(
      sorted.map((entry) => entry.fetched.digest),
      ['sha256:0c', 'sha256:cc', 'sha256:bb', 'sha256:aa'],
    );
  });
});
