import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { bundleToJSON } from '@sigstore/bundle';
import { RegistryHttpError, toSignerError } from '../../../src/registry/http-error.ts';
import {
  ANNOTATION_BUNDLE_CONTENT,
  ANNOTATION_BUNDLE_PREDICATE_TYPE,
  ANNOTATION_CREATED,
  EMPTY_CONFIG_DIGEST,
  OCI_EMPTY,
  OCI_INDEX,
  OCI_MANIFEST,
  SIGSTORE_BUNDLE_V03,
} from '../../../src/registry/media-types.ts';
import { toCosignBundle } from '../../../src/signatures/bundle-format.ts';
import { BundleReferrerPublisher, type SignedBundle } from '../../../src/signatures/bundle-referrer.ts';
import {
  COSIGN_SIGN_PREDICATE,
  IN_TOTO_PAYLOAD_TYPE,
  toCosignSignStatement,
} from '../../../src/signatures/statement.ts';
import { toDigestTag, type Digest } from '../../../src/subjects/reference.ts';
import { sha256Digest } from '../../../src/util/digest.ts';
import { NO_PAUSE, poolOf, REPOSITORY, targetOf, throwawaySigner } from './fixtures.ts';
import { MemoryRegistry } from './memory-registry.ts';

const TARGET = targetOf('the signed image manifest');
const SUBJECT = TARGET.image.digest;
const FALLBACK_TAG = toDigestTag(SUBJECT, '');
const REFERENCE = `registry.example/${REPOSITORY}@${SUBJECT}`;
const STATEMENT = toCosignSignStatement(SUBJECT, {});
const NOW = new Date('2026-03-04T05:06:07.890Z');

interface IndexEntry {
  readonly mediaType?: string;
  readonly digest: Digest;
  readonly size?: number;
  readonly artifactType?: string;
  readonly annotations?: Record<string, string>;
}

/** An SBOM another tool attached before us: its entry in the fallback index must survive our write. */
const FOREIGN_ENTRY: IndexEntry & { mediaType: string; size: number } = {
  mediaType: OCI_MANIFEST,
  digest: sha256Digest(Buffer.from('an sbom referrer')),
  size: 321,
  artifactType: 'application/spdx+json',
  annotations: { 'org.opencontainers.image.created': '2026-01-01T00:00:00Z' },
};

const us = throwawaySigner();
const someoneElse = throwawaySigner();

async function bundleBy(
  signer: ReturnType<typeof throwawaySigner>,
  statement = STATEMENT,
): Promise<SignedBundle> {
  const bundle = toCosignBundle(
    await signer.envelopes.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE }),
  );
  return {
    json: Buffer.from(JSON.stringify(bundleToJSON(bundle))),
    statement,
    predicateType: COSIGN_SIGN_PREDICATE,
  };
}

function publisherFor(
  registry: MemoryRegistry,
  options: { requireLogEntry?: boolean; now?: Date } = {},
): BundleReferrerPublisher {
  return new BundleReferrerPublisher({
    registries: poolOf(registry),
    verification: us.verification,
    requireLogEntry: options.requireLogEntry ?? false,
    now: () => options.now ?? NOW,
  });
}

async function fallbackEntries(registry: MemoryRegistry): Promise<readonly IndexEntry[]> {
  const index = await registry.readJson<{
    schemaVersion: number;
    mediaType: string;
    manifests: IndexEntry[];
  }>(REPOSITORY, FALLBACK_TAG);
  assert.equal(index?.mediaType, OCI_INDEX);
  assert.equal(index.schemaVersion, 2);
  return index.manifests;
}

describe('BundleReferrerPublisher on a registry without the referrers API', () => {
  let registry: MemoryRegistry;
  beforeEach(() => {
    registry = new MemoryRegistry();
  });

  describe('when it attaches a bundle', () => {
    it("pushes, by digest, the referrer manifest cosign v3 writes: empty config, the bundle layer, the subject, cosign's annotations", async () => {
      const bundle = await bundleBy(us);
      const record = await publisherFor(registry).publish(TARGET, bundle);

      const stored = await registry.getManifest(REPOSITORY, record.manifestDigest);
      assert.ok(stored);
      assert.equal(stored.mediaType, OCI_MANIFEST);
      assert.ok(registry.writes.includes(`PUT ${REPOSITORY}:${record.manifestDigest}`), 'pushed by digest');
      assert.deepEqual(JSON.parse(stored.bytes.toString('utf8')), {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: {
          mediaType: OCI_EMPTY,
          size: 2,
          digest: EMPTY_CONFIG_DIGEST,
          artifactType: SIGSTORE_BUNDLE_V03,
        },
        layers: [
          { mediaType: SIGSTORE_BUNDLE_V03, size: bundle.json.length, digest: sha256Digest(bundle.json) },
        ],
        annotations: {
          [ANNOTATION_BUNDLE_CONTENT]: 'dsse-envelope',
          [ANNOTATION_BUNDLE_PREDICATE_TYPE]: COSIGN_SIGN_PREDICATE,
          [ANNOTATION_CREATED]: '2026-03-04T05:06:07Z',
        },
        subject: { mediaType: OCI_MANIFEST, size: TARGET.size, digest: SUBJECT },
        artifactType: SIGSTORE_BUNDLE_V03,
      });
      assert.equal(registry.blobText(REPOSITORY, EMPTY_CONFIG_DIGEST), '{}');
      assert.ok(
        registry.writes.includes(`BLOB ${REPOSITORY}@${sha256Digest(bundle.json)} (unique)`),
        'a fresh bundle: uploaded without asking whether the registry has it',
      );
      assert.equal(registry.blobText(REPOSITORY, sha256Digest(bundle.json)), bundle.json.toString());
      assert.deepEqual(record, {
        format: 'bundle',
        reference: REFERENCE,
        manifestDigest: stored.digest,
        added: true,
      });
    });

    it("lists it in the fallback tag with the bundle's artifactType and the manifest's annotations", async () => {
      const record = await publisherFor(registry).publish(TARGET, await bundleBy(us));
      const referrer = await registry.getManifest(REPOSITORY, record.manifestDigest);
      const annotations = (JSON.parse(referrer?.bytes.toString('utf8') ?? '{}') as { annotations: unknown })
        .annotations;
      assert.deepEqual(await fallbackEntries(registry), [
        {
          mediaType: OCI_MANIFEST,
          digest: record.manifestDigest,
          size: referrer?.bytes.length,
          artifactType: SIGSTORE_BUNDLE_V03,
          annotations,
        },
      ]);
    });
  });

  describe('the requests it sends', () => {
    it('right after findExisting looked: reads the fallback tag once, and merges into that read', async () => {
      const publisher = publisherFor(registry);
      const bundle = await bundleBy(us);
      await publisher.findExisting(TARGET, STATEMENT, COSIGN_SIGN_PREDICATE);
      await publisher.publish(TARGET, bundle);
      assert.deepEqual(registry.manifestReads, [
        `REFERRERS ${REPOSITORY}@${SUBJECT}`,
        `TAGGED ${REPOSITORY}:${FALLBACK_TAG}`,
        `REFERRERS ${REPOSITORY}@${SUBJECT}`,
      ]);
    });

    it('long after findExisting looked (signing took long): asks the referrers API again before pushing', async () => {
      await publisherFor(registry).publish(TARGET, await bundleBy(us));
      assert.deepEqual(registry.manifestReads, [
        `REFERRERS ${REPOSITORY}@${SUBJECT}`,
        `REFERRERS ${REPOSITORY}@${SUBJECT}`,
        `GET ${REPOSITORY}:${FALLBACK_TAG}`,
      ]);
    });
  });

  describe('when the fallback tag already lists a referrer of another tool', () => {
    it('keeps that entry, byte for byte, and appends its own', async () => {
      registry.plantManifest(
        REPOSITORY,
        FALLBACK_TAG,
        { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [FOREIGN_ENTRY] },
        OCI_INDEX,
      );
      const record = await publisherFor(registry).publish(TARGET, await bundleBy(us));
      const entries = await fallbackEntries(registry);
      assert.deepEqual(entries[0], FOREIGN_ENTRY);
      assert.deepEqual(
        entries.map((entry) => entry.digest),
        [FOREIGN_ENTRY.digest, record.manifestDigest],
      );
    });
  });

  describe('when the registry refuses the push because the shared empty config is still being uploaded', () => {
    const blobRace = (): unknown =>
      toSignerError(
        'registry.example',
        new RegistryHttpError('PUT manifest', 400, ['MANIFEST_BLOB_UNKNOWN'], 'blob unknown'),
        { manifestPush: true },
      );

    it('uploads the empty config again and pushes again', async () => {
      registry.beforeManifestPut.push(() => {
        throw blobRace();
      });
      const record = await publisherFor(registry).publish(TARGET, await bundleBy(us));
      assert.ok(await registry.getManifest(REPOSITORY, record.manifestDigest));
      const configUploads = registry.writes.filter(
        (write) => write === `BLOB ${REPOSITORY}@${EMPTY_CONFIG_DIGEST}`,
      );
      assert.equal(configUploads.length, 2);
    });

    it('gives up after the fourth refusal, passing the refusal on', async () => {
      const refusals = Array.from({ length: 4 }, blobRace);
      for (const refusal of refusals)
        registry.beforeManifestPut.push(() => {
          throw refusal;
        });
      await assert.rejects(
        publisherFor(registry).publish(TARGET, await bundleBy(us)),
        (err) => err === refusals[3],
      );
    });

    it('passes another refusal on at once', async () => {
      const refusal = toSignerError(
        'registry.example',
        new RegistryHttpError('PUT manifest', 403, ['DENIED'], 'no write access'),
      );
      registry.beforeManifestPut.push(() => {
        throw refusal;
      });
      await assert.rejects(
        publisherFor(registry).publish(TARGET, await bundleBy(us)),
        (err) => err === refusal,
      );
      assert.equal(
        registry.writes.filter((write) => write.startsWith('BLOB') && write.includes(EMPTY_CONFIG_DIGEST))
          .length,
        1,
      );
    });
  });

  describe('findExisting', () => {
    it('finds nothing where nothing is attached', async () => {
      assert.equal(
        await publisherFor(registry).findExisting(TARGET, STATEMENT, COSIGN_SIGN_PREDICATE),
        undefined,
      );
    });

    it('finds our bundle over this statement, with its JSON, among others', async () => {
      registry.plantManifest(
        REPOSITORY,
        FALLBACK_TAG,
        { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [FOREIGN_ENTRY] },
        OCI_INDEX,
      );
      await publisherFor(registry).publish(TARGET, await bundleBy(someoneElse));
      const ours = await bundleBy(us);
      const attached = await publisherFor(registry).publish(TARGET, ours);
      const writes = registry.writes.length;

      const record = await publisherFor(registry).findExisting(TARGET, STATEMENT, COSIGN_SIGN_PREDICATE);

      assert.deepEqual(record, {
        format: 'bundle',
        reference: REFERENCE,
        manifestDigest: attached.manifestDigest,
        added: false,
        bundle: ours.json.toString(),
      });
      assert.equal(registry.writes.length, writes);
    });

    it('does not count our bundle over another statement', async () => {
      await publisherFor(registry).publish(
        TARGET,
        await bundleBy(us, toCosignSignStatement(SUBJECT, { v: '1' })),
      );
      assert.equal(
        await publisherFor(registry).findExisting(TARGET, STATEMENT, COSIGN_SIGN_PREDICATE),
        undefined,
      );
    });

    it('does not count our bundle without a log entry when one is required', async () => {
      await publisherFor(registry).publish(TARGET, await bundleBy(us));
      const record = await publisherFor(registry, { requireLogEntry: true }).findExisting(
        TARGET,
        STATEMENT,
        COSIGN_SIGN_PREDICATE,
      );
      assert.equal(record, undefined);
    });
  });

  describe('settle', () => {
    it('withdraws its entry from the fallback tag when a bundle of this signer over the statement was listed first', async () => {
      const first = await publisherFor(registry).publish(TARGET, await bundleBy(us));
      const publisher = publisherFor(registry);
      // Signed before the other run's push landed: it found nothing and attached its own.
      const ours = await publisher.publish(TARGET, await bundleBy(us));
      const kept = await publisher.settle(NO_PAUSE);

      assert.deepEqual(
        (await fallbackEntries(registry)).map((entry) => entry.digest),
        [first.manifestDigest],
      );
      assert.ok(await registry.getManifest(REPOSITORY, ours.manifestDigest), 'unlisted, not deleted');
      assert.equal(kept.get(REFERENCE)?.digest, first.manifestDigest);
    });

    it('keeps its entry when it was listed first', async () => {
      const publisher = publisherFor(registry);
      const ours = await publisher.publish(TARGET, await bundleBy(us));
      const later = await publisherFor(registry).publish(TARGET, await bundleBy(us));
      const kept = await publisher.settle(NO_PAUSE);
      assert.deepEqual(
        (await fallbackEntries(registry)).map((entry) => entry.digest),
        [ours.manifestDigest, later.manifestDigest],
      );
      assert.equal(kept.get(REFERENCE)?.digest, ours.manifestDigest);
    });

    it('leaves the referrers of others alone, and hands back its own', async () => {
      const publisher = publisherFor(registry);
      const ours = await publisher.publish(TARGET, await bundleBy(us));
      const theirs = await publisherFor(registry).publish(TARGET, await bundleBy(someoneElse));
      const kept = await publisher.settle(NO_PAUSE);
      assert.deepEqual(
        (await fallbackEntries(registry)).map((entry) => entry.digest),
        [ours.manifestDigest, theirs.manifestDigest],
      );
      assert.equal(kept.get(REFERENCE)?.digest, ours.manifestDigest);
    });

    it('writes nothing and hands back nothing when its referrer is alone (read-back reads it anyway)', async () => {
      const publisher = publisherFor(registry);
      await publisher.publish(TARGET, await bundleBy(us));
      const writes = registry.writes.length;
      const kept = await publisher.settle(NO_PAUSE);
      assert.equal(kept.size, 0);
      assert.equal(registry.writes.length, writes);
    });

    it('withdraws nothing when none of the bundles listed verifies as ours', async () => {
      const publisher = publisherFor(registry);
      // Written by this publisher, but signed by a key it does not trust (read-back reports that).
      const untrusted = await publisher.publish(TARGET, await bundleBy(someoneElse));
      const theirs = await publisherFor(registry).publish(TARGET, await bundleBy(someoneElse));
      const kept = await publisher.settle(NO_PAUSE);
      assert.equal(kept.size, 0);
      assert.deepEqual(
        (await fallbackEntries(registry)).map((entry) => entry.digest),
        [untrusted.manifestDigest, theirs.manifestDigest],
      );
    });

    it('lists its entry again when a concurrent writer put the fallback tag back without it', async () => {
      const publisher = publisherFor(registry);
      const ours = await publisher.publish(TARGET, await bundleBy(us));
      registry.plantManifest(
        REPOSITORY,
        FALLBACK_TAG,
        { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [FOREIGN_ENTRY] },
        OCI_INDEX,
      );
      await publisher.settle(NO_PAUSE);
      assert.deepEqual(
        (await fallbackEntries(registry)).map((entry) => entry.digest),
        [FOREIGN_ENTRY.digest, ours.manifestDigest],
      );
    });
  });
});

describe('BundleReferrerPublisher on a registry with the referrers API', () => {
  let registry: MemoryRegistry;
  beforeEach(() => {
    registry = new MemoryRegistry({ referrersApi: true, deletes: true });
  });

  it('pushes the referrer and writes no fallback tag', async () => {
    const record = await publisherFor(registry).publish(TARGET, await bundleBy(us));
    assert.equal(await registry.getManifest(REPOSITORY, FALLBACK_TAG), undefined);
    assert.ok(registry.writes.includes(`PUT ${REPOSITORY}:${record.manifestDigest}`));
  });

  it("trusts the registry's word (OCI-Subject) that it indexed the referrer: asks the API only before the push", async () => {
    await publisherFor(registry).publish(TARGET, await bundleBy(us));
    assert.deepEqual(registry.manifestReads, [`REFERRERS ${REPOSITORY}@${SUBJECT}`]);
  });

  it('adopts a bundle of ours that a concurrent run attached while this one signed, writing nothing', async () => {
    const theirs = await bundleBy(us);
    const attached = await publisherFor(registry).publish(TARGET, theirs);
    const writes = registry.writes.length;
    const record = await publisherFor(registry).publish(TARGET, await bundleBy(us));
    assert.deepEqual(record, {
      format: 'bundle',
      reference: REFERENCE,
      manifestDigest: attached.manifestDigest,
      added: false,
      bundle: theirs.json.toString(),
    });
    assert.equal(registry.writes.length, writes);
  });

  it('does not look again right after findExisting looked', async () => {
    const publisher = publisherFor(registry);
    assert.equal(await publisher.findExisting(TARGET, STATEMENT, COSIGN_SIGN_PREDICATE), undefined);
    await publisherFor(registry).publish(TARGET, await bundleBy(us));
    const record = await publisher.publish(TARGET, await bundleBy(us));
    assert.equal(record.added, true);
  });

  describe('settle', () => {
    /** A run that looked (findExisting) before a concurrent run of this signer pushed, and then pushed its own. */
    async function raceWithOlderRun(): Promise<{
      older: Digest;
      ours: Digest;
      publisher: BundleReferrerPublisher;
    }> {
      const publisher = publisherFor(registry);
      const [mine, theirs] = [await bundleBy(us), await bundleBy(us)];
      await publisher.findExisting(TARGET, STATEMENT, COSIGN_SIGN_PREDICATE);
      const older = await publisherFor(registry, { now: new Date('2026-03-04T05:00:00Z') }).publish(
        TARGET,
        theirs,
      );
      const ours = await publisher.publish(TARGET, mine);
      assert.equal(ours.added, true);
      return { older: older.manifestDigest, ours: ours.manifestDigest, publisher };
    }

    it('deletes its referrer when a bundle of this signer over the statement is older, and hands back the older', async () => {
      const { older, ours, publisher } = await raceWithOlderRun();
      const kept = await publisher.settle(NO_PAUSE);
      assert.ok(registry.writes.includes(`DELETE ${REPOSITORY}@${ours}`));
      assert.equal(await registry.getManifest(REPOSITORY, ours), undefined);
      assert.equal(kept.get(REFERENCE)?.digest, older);
    });

    it('keeps its referrer when it is the older one', async () => {
      const publisher = publisherFor(registry, { now: new Date('2026-03-04T04:00:00Z') });
      const [mine, theirs] = [await bundleBy(us), await bundleBy(us)];
      await publisher.findExisting(TARGET, STATEMENT, COSIGN_SIGN_PREDICATE);
      const newer = await publisherFor(registry).publish(TARGET, theirs);
      const ours = await publisher.publish(TARGET, mine);
      const kept = await publisher.settle(NO_PAUSE);
      assert.equal(kept.get(REFERENCE)?.digest, ours.manifestDigest);
      assert.ok(await registry.getManifest(REPOSITORY, newer.manifestDigest));
      assert.ok(!registry.writes.some((write) => write.startsWith('DELETE')));
    });

    it('keeps an adopted bundle without withdrawing it, and hands back the oldest', async () => {
      const [first, adopting, oldest] = [await bundleBy(us), await bundleBy(us), await bundleBy(us)];
      // The oldest run looked before anything was attached, and pushes right after the others.
      const oldestRun = publisherFor(registry, { now: new Date('2026-03-04T04:00:00Z') });
      await oldestRun.findExisting(TARGET, STATEMENT, COSIGN_SIGN_PREDICATE);
      const attached = await publisherFor(registry).publish(TARGET, first);
      const publisher = publisherFor(registry);
      assert.equal((await publisher.publish(TARGET, adopting)).added, false);
      const pushed = await oldestRun.publish(TARGET, oldest);
      assert.equal(pushed.added, true);
      const writes = registry.writes.length;

      const kept = await publisher.settle(NO_PAUSE);

      assert.equal(registry.writes.length, writes, 'the adopted bundle is not ours to withdraw');
      assert.ok(await registry.getManifest(REPOSITORY, attached.manifestDigest));
      assert.equal(kept.get(REFERENCE)?.digest, pushed.manifestDigest, 'the oldest remains for read-back');
    });
  });
});
