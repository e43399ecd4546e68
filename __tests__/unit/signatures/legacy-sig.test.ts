import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { RegistryHttpError, toSignerError } from '../../../src/registry/http-error.ts';
import {
  COSIGN_BUNDLE_ANNOTATION,
  COSIGN_SIGNATURE_ANNOTATION,
  COSIGN_SIMPLE_SIGNING,
  OCI_IMAGE_CONFIG,
  OCI_MANIFEST,
} from '../../../src/registry/media-types.ts';
import { toLegacySignature, type LegacySignature } from '../../../src/signatures/legacy-layer.ts';
import { LegacySigPublisher } from '../../../src/signatures/legacy-sig.ts';
import { toSimpleSigningPayload } from '../../../src/signatures/payload.ts';
import type { KeyVerification, SignatureVerification } from '../../../src/sigstore/trust.ts';
import { sha256Digest } from '../../../src/util/digest.ts';
import { NO_PAUSE, poolOf, REPOSITORY, targetOf, throwawaySigner } from './fixtures.ts';
import { MemoryRegistry } from './memory-registry.ts';

interface Layer {
  mediaType: string;
  size: number;
  digest: string;
  annotations?: Record<string, string>;
}
interface SigManifest {
  schemaVersion: number;
  mediaType: string;
  config: { mediaType: string; size: number; digest: string };
  layers: Layer[];
}

const TARGET = targetOf('the signed image manifest');
const SIG_TAG = `${TARGET.image.digest.replace(':', '-')}.sig`;
const REFERENCE = `registry.example/${REPOSITORY}:${SIG_TAG}`;
const PAYLOAD = toSimpleSigningPayload(TARGET.image, {});

const us = throwawaySigner();
const someoneElse = throwawaySigner();

async function signatureBy(
  signer: ReturnType<typeof throwawaySigner>,
  payload = PAYLOAD,
): Promise<LegacySignature> {
  return toLegacySignature(payload, await signer.messages.create({ data: payload }));
}

function layerOf(signature: LegacySignature): Layer {
  return {
    mediaType: COSIGN_SIMPLE_SIGNING,
    size: signature.payload.length,
    digest: sha256Digest(signature.payload),
    annotations: { ...signature.annotations },
  };
}

/** A `.sig` list written before this run, by cosign or by another run: its blobs, config and manifest. */
function plantSigList(
  registry: MemoryRegistry,
  signatures: readonly LegacySignature[],
  extra: Layer[] = [],
): string {
  for (const signature of signatures) registry.plantBlob(REPOSITORY, signature.payload);
  const config = registry.plantBlob(REPOSITORY, Buffer.from('{}'));
  return registry.plantManifest(
    REPOSITORY,
    SIG_TAG,
    {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_IMAGE_CONFIG, size: 2, digest: config },
      layers: [...signatures.map(layerOf), ...extra],
    },
    OCI_MANIFEST,
  );
}

async function sigList(registry: MemoryRegistry): Promise<SigManifest> {
  const manifest = await registry.readJson<SigManifest>(REPOSITORY, SIG_TAG);
  assert.ok(manifest, `${SIG_TAG} is missing`);
  return manifest;
}

function publisherFor(registry: MemoryRegistry, requireLogEntry = false): LegacySigPublisher {
  return new LegacySigPublisher({
    registries: poolOf(registry),
    verification: us.verification,
    requireLogEntry,
  });
}

/** A blob race as the RegistryAccess boundary hands it to publishers. */
function blobRace(): unknown {
  return toSignerError(
    'registry.example',
    new RegistryHttpError('PUT manifest', 400, ['MANIFEST_BLOB_UNKNOWN'], 'blob unknown to registry'),
    { manifestPush: true },
  );
}

describe('LegacySigPublisher', () => {
  let registry: MemoryRegistry;
  beforeEach(() => {
    registry = new MemoryRegistry();
  });

  describe('when the image has no .sig tag yet', () => {
    it("writes cosign's layout: the payload blob, cosign's config and a manifest with our one layer", async () => {
      const signature = await signatureBy(us);
      const record = await publisherFor(registry).publish(TARGET, signature);

      const manifest = await sigList(registry);
      const payloadDigest = sha256Digest(PAYLOAD);
      assert.equal(manifest.schemaVersion, 2);
      assert.equal(manifest.mediaType, OCI_MANIFEST);
      assert.deepEqual(manifest.layers, [layerOf(signature)]);
      assert.equal(manifest.config.mediaType, OCI_IMAGE_CONFIG);
      assert.equal(registry.blobText(REPOSITORY, payloadDigest), PAYLOAD.toString());
      assert.equal(
        registry.blobText(REPOSITORY, manifest.config.digest),
        `{"architecture":"","created":"0001-01-01T00:00:00Z","history":[{"created":"0001-01-01T00:00:00Z"}],"os":"","rootfs":{"type":"layers","diff_ids":["${payloadDigest}"]},"config":{}}`,
      );
      assert.equal(
        manifest.config.size,
        Buffer.byteLength(registry.blobText(REPOSITORY, manifest.config.digest) ?? ''),
      );
      assert.deepEqual(record, {
        format: 'legacy',
        reference: REFERENCE,
        manifestDigest: (await registry.getManifest(REPOSITORY, SIG_TAG))?.digest,
        added: true,
        signatureBlob: payloadDigest,
      });
    });
  });

  describe('the requests it sends', () => {
    it('reads a fresh tag once (the first read may come from a tag listing) and uploads fresh blobs without asking first', async () => {
      const publisher = publisherFor(registry);
      assert.equal(await publisher.findExisting(TARGET, PAYLOAD), undefined);
      await publisher.publish(TARGET, await signatureBy(us));
      assert.deepEqual(registry.manifestReads, [`TAGGED ${REPOSITORY}:${SIG_TAG}`]);
      const blobs = registry.writes.filter((write) => write.startsWith('BLOB'));
      assert.equal(blobs.length, 2);
      assert.ok(
        blobs.every((write) => write.endsWith('(unique)')),
        blobs.join('\n'),
      );
    });

    it('appending to an existing list, may find its blobs there already', async () => {
      plantSigList(registry, [await signatureBy(someoneElse)]);
      await publisherFor(registry).publish(TARGET, await signatureBy(us));
      const blobs = registry.writes.filter((write) => write.startsWith('BLOB'));
      assert.equal(blobs.length, 2);
      assert.ok(
        blobs.every((write) => !write.endsWith('(unique)')),
        blobs.join('\n'),
      );
    });

    it('without a recent findExisting, reads the list afresh before merging', async () => {
      await publisherFor(registry).publish(TARGET, await signatureBy(us));
      assert.deepEqual(registry.manifestReads, [`GET ${REPOSITORY}:${SIG_TAG}`]);
    });
  });

  describe('when the .sig tag already lists signatures of others', () => {
    it('keeps every one of them, in order, and appends ours last; the config lists every layer', async () => {
      const theirs = await signatureBy(someoneElse);
      const foreignLayer: Layer = {
        mediaType: 'application/vnd.example.other+json',
        size: 3,
        digest: sha256Digest(Buffer.from('odd')),
        annotations: { note: 'another tool' },
      };
      plantSigList(registry, [theirs], [foreignLayer]);
      const ours = await signatureBy(us);

      const record = await publisherFor(registry).publish(TARGET, ours);

      const manifest = await sigList(registry);
      assert.deepEqual(manifest.layers, [layerOf(theirs), foreignLayer, layerOf(ours)]);
      const config = JSON.parse(registry.blobText(REPOSITORY, manifest.config.digest) ?? '{}') as {
        history: unknown[];
        rootfs: { diff_ids: string[] };
      };
      assert.deepEqual(config.rootfs.diff_ids, [
        sha256Digest(PAYLOAD),
        foreignLayer.digest,
        sha256Digest(PAYLOAD),
      ]);
      assert.equal(config.history.length, 3);
      assert.equal(record.added, true);
    });

    it('refuses to push a list cosign could not read (1000 layers), naming the tag', async () => {
      const theirs = await signatureBy(someoneElse);
      plantSigList(
        registry,
        Array.from({ length: 1000 }, () => theirs),
      );
      await assert.rejects(
        publisherFor(registry).publish(TARGET, await signatureBy(us)),
        (err: unknown) =>
          err instanceof SignerError &&
          err.code === 'PUBLISH_CONFLICT' &&
          err.message.includes(`${REFERENCE} already holds 1000 signatures; cosign reads at most 1000`),
      );
      assert.deepEqual(registry.writes, []);
    });

    it('appends to a list of 999', async () => {
      const theirs = await signatureBy(someoneElse);
      plantSigList(
        registry,
        Array.from({ length: 999 }, () => theirs),
      );
      await publisherFor(registry).publish(TARGET, await signatureBy(us));
      assert.equal((await sigList(registry)).layers.length, 1000);
    });
  });

  describe('findExisting', () => {
    it('finds nothing where there is no .sig tag', async () => {
      assert.equal(await publisherFor(registry).findExisting(TARGET, PAYLOAD), undefined);
    });

    it('finds our signature of this payload, with its bundle, and writes nothing', async () => {
      const ours = await signatureBy(us);
      const listDigest = plantSigList(registry, [await signatureBy(someoneElse), ours]);
      const record = await publisherFor(registry).findExisting(TARGET, PAYLOAD);
      assert.equal(record?.format, 'legacy');
      assert.equal(record.reference, REFERENCE);
      assert.equal(record.manifestDigest, listDigest);
      assert.equal(record.added, false);
      const bundle = JSON.parse(record.bundle ?? '{}') as {
        messageSignature: { signature: string; messageDigest: { digest: string } };
      };
      assert.equal(bundle.messageSignature.signature, ours.annotations[COSIGN_SIGNATURE_ANNOTATION]);
      assert.equal(
        bundle.messageSignature.messageDigest.digest,
        Buffer.from(sha256Digest(PAYLOAD).slice('sha256:'.length), 'hex').toString('base64'),
      );
      assert.deepEqual(registry.writes, []);
    });

    const notOurs: [string, (registry: MemoryRegistry) => Promise<void>][] = [
      ['signed by another key', async (r) => void plantSigList(r, [await signatureBy(someoneElse)])],
      [
        'carrying our signature copied onto a planted layer of another media type',
        async (r) => {
          const ours = await signatureBy(us);
          plantSigList(r, [], [{ ...layerOf(ours), mediaType: 'application/octet-stream' }]);
        },
      ],
      [
        'whose blob is not the payload, though its signature is our signature of it',
        async (r) => {
          const ours = await signatureBy(us);
          plantSigList(r, [], [{ ...layerOf(ours), digest: sha256Digest(Buffer.from('another blob')) }]);
        },
      ],
      [
        'signing another payload (other annotations)',
        async (r) =>
          void plantSigList(r, [await signatureBy(us, toSimpleSigningPayload(TARGET.image, { v: '1' }))]),
      ],
      [
        'with a signature that does not verify',
        async (r) => {
          const forged = await signatureBy(us);
          const tampered = Buffer.from(
            forged.annotations[COSIGN_SIGNATURE_ANNOTATION] ?? '',
            'base64',
          ).reverse();
          plantSigList(r, [
            {
              payload: PAYLOAD,
              annotations: { [COSIGN_SIGNATURE_ANNOTATION]: tampered.toString('base64') },
            },
          ]);
        },
      ],
    ];
    for (const [what, plant] of notOurs) {
      it(`does not count a layer ${what}: we sign again`, async () => {
        await plant(registry);
        assert.equal(await publisherFor(registry).findExisting(TARGET, PAYLOAD), undefined);
        const ours = await signatureBy(us);
        await publisherFor(registry).publish(TARGET, ours);
        assert.deepEqual((await sigList(registry)).layers.at(-1), layerOf(ours));
      });
    }

    describe('when a log entry is required', () => {
      it('does not count our signature without a Rekor bundle annotation', async () => {
        plantSigList(registry, [await signatureBy(us)]);
        assert.equal(await publisherFor(registry, true).findExisting(TARGET, PAYLOAD), undefined);
      });

      it('counts our signature that carries one', async () => {
        const ours = await signatureBy(us);
        plantSigList(registry, [
          {
            ...ours,
            annotations: { ...ours.annotations, [COSIGN_BUNDLE_ANNOTATION]: '{"not":"checked here"}' },
          },
        ]);
        assert.equal((await publisherFor(registry, true).findExisting(TARGET, PAYLOAD))?.added, false);
      });
    });
  });

  describe('when a concurrent run of ours appended the same payload before our write', () => {
    it('writes nothing and answers with that signature', async () => {
      const theirs = await signatureBy(us);
      const listDigest = plantSigList(registry, [theirs]);
      const record = await publisherFor(registry).publish(TARGET, await signatureBy(us));
      assert.equal(record.added, false);
      assert.equal(record.manifestDigest, listDigest);
      assert.deepEqual(registry.writes, []);
    });
  });

  describe('when the registry refuses the list because a blob it names is still being uploaded', () => {
    it('reads, merges and writes again', async () => {
      registry.beforeManifestPut.push(() => {
        throw blobRace();
      });
      const ours = await signatureBy(us);
      const record = await publisherFor(registry).publish(TARGET, ours);
      assert.equal(record.added, true);
      assert.deepEqual((await sigList(registry)).layers, [layerOf(ours)]);
      const payloadUploads = registry.writes.filter((write) => write.includes(sha256Digest(PAYLOAD)));
      assert.equal(payloadUploads.length, 1, 'the payload is uploaded once, whatever the rounds');
    });

    it('gives up after 12 rounds with PUBLISH_CONFLICT, having removed nothing', async () => {
      const theirs = await signatureBy(someoneElse);
      const before = plantSigList(registry, [theirs]);
      for (let round = 0; round < 13; round++)
        registry.beforeManifestPut.push(() => {
          throw blobRace();
        });
      await assert.rejects(
        publisherFor(registry).publish(TARGET, await signatureBy(us)),
        (err: unknown) =>
          err instanceof SignerError &&
          err.code === 'PUBLISH_CONFLICT' &&
          err.message.includes(`${REFERENCE}: the registry refused the signature list 12 times`),
      );
      assert.equal(registry.beforeManifestPut.length, 1, 'one push per round');
      assert.equal((await registry.getManifest(REPOSITORY, SIG_TAG))?.digest, before);
    });

    it('passes any other refusal on at once', async () => {
      const refusal = toSignerError(
        'registry.example',
        new RegistryHttpError('PUT manifest', 403, ['DENIED'], 'no write access'),
      );
      registry.beforeManifestPut.push(() => {
        throw refusal;
      });
      await assert.rejects(
        publisherFor(registry).publish(TARGET, await signatureBy(us)),
        (err) => err === refusal,
      );
    });
  });

  describe('settle', () => {
    it('merges our signature in again when a concurrent writer put the list back without it', async () => {
      const publisher = publisherFor(registry);
      const ours = await signatureBy(us);
      await publisher.publish(TARGET, ours);
      const theirs = await signatureBy(someoneElse);
      plantSigList(registry, [theirs]);

      const reads = await publisher.settle(NO_PAUSE);

      const manifest = await sigList(registry);
      assert.deepEqual(manifest.layers, [layerOf(theirs), layerOf(ours)]);
      assert.equal(reads.get(REFERENCE)?.digest, (await registry.getManifest(REPOSITORY, SIG_TAG))?.digest);
    });

    it('finds the layer it wrote without verifying it again, and judges every other layer', async () => {
      let verified = 0;
      const counting: SignatureVerification = Object.assign(
        Object.create(us.verification) as KeyVerification,
        {
          verify: (...args: Parameters<SignatureVerification['verify']>) => {
            verified++;
            us.verification.verify(...args);
          },
        },
      );
      const publisher = new LegacySigPublisher({
        registries: poolOf(registry),
        verification: counting,
        requireLogEntry: false,
      });
      const ours = await signatureBy(us);
      await publisher.publish(TARGET, ours);
      await publisher.settle(NO_PAUSE);
      assert.equal(verified, 0);

      const theirs = await signatureBy(someoneElse);
      // Our payload and signature, with an annotation added: not the layer we wrote.
      const lookAlike = { ...layerOf(ours), annotations: { ...ours.annotations, extra: 'planted' } };
      plantSigList(registry, [theirs], [lookAlike, layerOf(ours)]);
      await publisher.settle(NO_PAUSE);
      assert.equal(verified, 2, 'their layer and the look-alike, once each');
      assert.deepEqual((await sigList(registry)).layers, [layerOf(theirs), lookAlike, layerOf(ours)]);
    });

    it('leaves a list that still holds ours alone, and hands back what it read', async () => {
      const publisher = publisherFor(registry);
      await publisher.publish(TARGET, await signatureBy(us));
      const writes = registry.writes.length;
      const reads = await publisher.settle(NO_PAUSE);
      assert.equal(registry.writes.length, writes);
      assert.deepEqual(reads.get(REFERENCE)?.bytes, (await registry.getManifest(REPOSITORY, SIG_TAG))?.bytes);
    });

    it('takes its own layer out again when another run of this signer appended the same payload first', async () => {
      const publisher = publisherFor(registry);
      const ours = await signatureBy(us);
      await publisher.publish(TARGET, ours);
      const theirs = await signatureBy(someoneElse);
      const firstOfOurSigner = await signatureBy(us);
      plantSigList(registry, [theirs, firstOfOurSigner, ours]);

      await publisher.settle(NO_PAUSE);

      const manifest = await sigList(registry);
      assert.deepEqual(manifest.layers, [layerOf(theirs), layerOf(firstOfOurSigner)]);
      const config = JSON.parse(registry.blobText(REPOSITORY, manifest.config.digest) ?? '{}') as {
        rootfs: { diff_ids: string[] };
      };
      assert.equal(config.rootfs.diff_ids.length, 2);
    });

    it('reads afresh, once while ours is alone in the list, twice once others write to it too', async () => {
      const alone = publisherFor(registry);
      await alone.publish(TARGET, await signatureBy(us));
      registry.manifestReads.length = 0;
      await alone.settle(NO_PAUSE);
      assert.deepEqual(registry.manifestReads, [`GET ${REPOSITORY}:${SIG_TAG}`]);

      const shared = new MemoryRegistry();
      plantSigList(shared, [await signatureBy(someoneElse)]);
      const publisher = publisherFor(shared);
      await publisher.publish(TARGET, await signatureBy(us));
      shared.manifestReads.length = 0;
      await publisher.settle(NO_PAUSE);
      assert.deepEqual(shared.manifestReads, [
        `GET ${REPOSITORY}:${SIG_TAG}`,
        `GET ${REPOSITORY}:${SIG_TAG}`,
      ]);
    });

    it('keeps watching a signature of ours it found already there instead of writing its own', async () => {
      const publisher = publisherFor(registry);
      const concurrent = await signatureBy(us);
      plantSigList(registry, [concurrent]);
      const ours = await signatureBy(us);
      assert.equal((await publisher.publish(TARGET, ours)).added, false);
      plantSigList(registry, [await signatureBy(someoneElse)]);
      await publisher.settle(NO_PAUSE);
      assert.equal((await sigList(registry)).layers.length, 2);
      assert.deepEqual((await sigList(registry)).layers[1], layerOf(ours));
    });

    it('takes out only its own layer: others that copy its payload or signature stay', async () => {
      const publisher = publisherFor(registry);
      const ours = await signatureBy(us);
      await publisher.publish(TARGET, ours);
      const firstOfOurSigner = await signatureBy(us);
      const unsigned: Layer = { ...layerOf(ours), annotations: undefined };
      delete unsigned.annotations;
      const copiedSignature: Layer = { ...layerOf(ours), digest: sha256Digest(Buffer.from('other payload')) };
      plantSigList(registry, [firstOfOurSigner], [unsigned, copiedSignature, layerOf(ours)]);
      await publisher.settle(NO_PAUSE);
      assert.deepEqual((await sigList(registry)).layers, [
        layerOf(firstOfOurSigner),
        unsigned,
        copiedSignature,
      ]);
    });

    it('writes nothing when its layer is gone by the time it takes it out', async () => {
      const publisher = publisherFor(registry);
      const ours = await signatureBy(us);
      await publisher.publish(TARGET, ours);
      const firstOfOurSigner = await signatureBy(us);
      plantSigList(registry, [firstOfOurSigner, ours]);
      const withoutOurs = [firstOfOurSigner, await signatureBy(someoneElse)];
      // Another writer's list lands between the check and the take-out.
      registry.beforeManifestGet.push(
        () => undefined,
        () => void plantSigList(registry, withoutOurs),
      );
      const writes = registry.writes.length;
      await publisher.settle(NO_PAUSE);
      assert.equal(registry.writes.length, writes);
      assert.deepEqual((await sigList(registry)).layers, withoutOurs.map(layerOf));
    });

    it('never writes an empty list when taking its layer out', async () => {
      const publisher = publisherFor(registry);
      const ours = await signatureBy(us);
      await publisher.publish(TARGET, ours);
      plantSigList(registry, [await signatureBy(us), ours]);
      registry.beforeManifestGet.push(
        () => undefined,
        () => void plantSigList(registry, [ours]),
      );
      const writes = registry.writes.length;
      await publisher.settle(NO_PAUSE);
      assert.equal(registry.writes.length, writes);
      assert.deepEqual((await sigList(registry)).layers, [layerOf(ours)]);
    });

    it('tries the take-out again in the next pass when the registry refuses it for a blob in flight', async () => {
      const publisher = publisherFor(registry);
      const ours = await signatureBy(us);
      await publisher.publish(TARGET, ours);
      const firstOfOurSigner = await signatureBy(us);
      plantSigList(registry, [firstOfOurSigner, ours]);
      registry.beforeManifestPut.push(() => {
        throw blobRace();
      });
      await publisher.settle(NO_PAUSE);
      assert.deepEqual((await sigList(registry)).layers, [layerOf(firstOfOurSigner)]);
    });

    it('passes on any other refusal of the take-out', async () => {
      const publisher = publisherFor(registry);
      const ours = await signatureBy(us);
      await publisher.publish(TARGET, ours);
      plantSigList(registry, [await signatureBy(us), ours]);
      const refusal = toSignerError(
        'registry.example',
        new RegistryHttpError('PUT manifest', 403, ['DENIED'], 'no write access'),
      );
      registry.beforeManifestPut.push(() => {
        throw refusal;
      });
      await assert.rejects(publisher.settle(NO_PAUSE), (err) => err === refusal);
    });

    it('keeps its layer when it is the first of this signer in the list', async () => {
      const publisher = publisherFor(registry);
      const ours = await signatureBy(us);
      await publisher.publish(TARGET, ours);
      const later = await signatureBy(us);
      const listDigest = plantSigList(registry, [ours, later]);
      await publisher.settle(NO_PAUSE);
      assert.equal((await registry.getManifest(REPOSITORY, SIG_TAG))?.digest, listDigest);
    });

    it('forgets a list that is gone when it has put ours back', async () => {
      const publisher = publisherFor(registry);
      const ours = await signatureBy(us);
      await publisher.publish(TARGET, ours);
      registry.plantManifest(
        REPOSITORY,
        SIG_TAG,
        {
          schemaVersion: 2,
          mediaType: OCI_MANIFEST,
          config: { mediaType: OCI_IMAGE_CONFIG, size: 2, digest: sha256Digest(Buffer.from('{}')) },
          layers: [],
        },
        OCI_MANIFEST,
      );
      await publisher.settle(NO_PAUSE);
      assert.deepEqual((await sigList(registry)).layers, [layerOf(ours)]);
    });
  });
});
