import { toDigestTag } from '../../../src/subjects/reference.ts';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  bundleFromJSON,
  bundleToJSON,
  toDSSEBundle,
  toMessageSignatureBundle,
  type Bundle,
  type TransparencyLogEntry,
} from '@sigstore/bundle';
import type { BundleBuilder } from '@sigstore/sign';
import {
  COSIGN_SIGNATURE_ANNOTATION,
  OCI_INDEX,
  SIGSTORE_BUNDLE_V03,
} from '../../../src/registry/media-types.ts';
import { BundleFormatWriter, toCosignBundle } from '../../../src/signatures/bundle-format.ts';
import { BundleReferrerPublisher } from '../../../src/signatures/bundle-referrer.ts';
import { toSignedRecord } from '../../../src/signatures/format-writer.ts';
import { LegacyFormatWriter } from '../../../src/signatures/legacy-format.ts';
import { LegacySigPublisher } from '../../../src/signatures/legacy-sig.ts';
import { toSimpleSigningPayload } from '../../../src/signatures/payload.ts';
import { IN_TOTO_PAYLOAD_TYPE, toCosignSignStatement } from '../../../src/signatures/statement.ts';
import type { PublishRecord } from '../../../src/signatures/target.ts';
import { sha256Digest } from '../../../src/util/digest.ts';
import { poolOf, REPOSITORY, targetOf, throwawaySigner } from './fixtures.ts';
import { MemoryRegistry } from './memory-registry.ts';

const TARGET = targetOf('the signed image manifest');
const ANNOTATIONS = { release: 'v1.2.3' };
const SIG_TAG = `${TARGET.image.digest.replace(':', '-')}.sig`;
const us = throwawaySigner();

/** The builder, counting what it is asked to sign: a re-run must sign nothing again. */
function counting(builder: BundleBuilder): BundleBuilder & { signed: Buffer[] } {
  const signed: Buffer[] = [];
  return {
    signed,
    create: (artifact) => {
      signed.push(artifact.data);
      return builder.create(artifact);
    },
  };
}

describe('LegacyFormatWriter', () => {
  let registry: MemoryRegistry;
  beforeEach(() => {
    registry = new MemoryRegistry();
  });

  const writerFor = (builder: BundleBuilder): LegacyFormatWriter =>
    new LegacyFormatWriter(
      builder,
      new LegacySigPublisher({
        registries: poolOf(registry),
        verification: us.verification,
        requireLogEntry: false,
      }),
      ANNOTATIONS,
    );

  it('signs the simple-signing payload with the annotations and appends it to the .sig tag', async () => {
    const builder = counting(us.messages);
    const writer = writerFor(builder);
    const record = await writer.write(TARGET);

    const payload = toSimpleSigningPayload(TARGET.image, ANNOTATIONS);
    assert.deepEqual(builder.signed, [payload]);
    const list = await registry.readJson<{
      layers: { digest: string; annotations: Record<string, string> }[];
    }>(REPOSITORY, SIG_TAG);
    assert.equal(list?.layers[0]?.digest, sha256Digest(payload));
    assert.equal(record.format, 'legacy');
    assert.equal(record.added, true);
    const bundle = bundleFromJSON(JSON.parse(record.bundle ?? '{}'));
    if (bundle.content.$case !== 'messageSignature') assert.fail('not a message signature');
    assert.equal(
      bundle.content.messageSignature.signature.toString('base64'),
      list.layers[0]?.annotations[COSIGN_SIGNATURE_ANNOTATION],
    );
    assert.equal((await writer.settle()).get(record.reference)?.digest, record.manifestDigest);
  });

  it('signs nothing again where our signature of the payload is there', async () => {
    const first = await writerFor(us.messages).write(TARGET);
    const builder = counting(us.messages);
    const again = await writerFor(builder).write(TARGET);
    assert.deepEqual(builder.signed, []);
    assert.equal(again.added, false);
    assert.equal(again.manifestDigest, first.manifestDigest);
    // Rebuilt from the layer's annotations: the same signature over the same payload.
    const signatureOf = (record: PublishRecord): unknown =>
      (JSON.parse(record.bundle ?? '{}') as { messageSignature?: unknown }).messageSignature;
    assert.deepEqual(signatureOf(again), signatureOf(first));
  });
});

describe('BundleFormatWriter', () => {
  let registry: MemoryRegistry;
  beforeEach(() => {
    registry = new MemoryRegistry();
  });

  const writerFor = (builder: BundleBuilder): BundleFormatWriter =>
    new BundleFormatWriter(
      builder,
      new BundleReferrerPublisher({
        registries: poolOf(registry),
        verification: us.verification,
        requireLogEntry: false,
      }),
      ANNOTATIONS,
    );

  it("signs cosign's statement as DSSE and attaches the bundle as cosign v3 writes it", async () => {
    const builder = counting(us.envelopes);
    const writer = writerFor(builder);
    const record = await writer.write(TARGET);

    assert.deepEqual(builder.signed, [toCosignSignStatement(TARGET.image.digest, ANNOTATIONS)]);
    const referrer = await registry.readJson<{ layers: { digest: string }[] }>(
      REPOSITORY,
      record.manifestDigest,
    );
    const stored = registry.blobText(REPOSITORY, referrer?.layers[0]?.digest ?? '');
    assert.equal(stored, record.bundle, 'the bundle files hold what the registry holds');
    const bundle = JSON.parse(stored ?? '{}') as {
      mediaType: string;
      dsseEnvelope: { payloadType: string; signatures: { keyid?: string }[] };
    };
    assert.equal(bundle.mediaType, SIGSTORE_BUNDLE_V03);
    assert.equal(bundle.dsseEnvelope.payloadType, IN_TOTO_PAYLOAD_TYPE);
    assert.deepEqual(
      bundle.dsseEnvelope.signatures.map((signature) => signature.keyid ?? 'none'),
      ['none'],
      'no keyid: cosign would skip the signature',
    );
    assert.equal(record.added, true);
    const index = await registry.readJson<{ mediaType: string }>(
      REPOSITORY,
      toDigestTag(TARGET.image.digest, ''),
    );
    assert.equal(index?.mediaType, OCI_INDEX);
    assert.ok(await writer.settle());
  });

  it('signs nothing again where our bundle over the statement is attached', async () => {
    const first = await writerFor(us.envelopes).write(TARGET);
    const builder = counting(us.envelopes);
    const again = await writerFor(builder).write(TARGET);
    assert.deepEqual(builder.signed, []);
    assert.deepEqual(again, { ...first, added: false });
  });
});

describe('toCosignBundle', () => {
  const statement = Buffer.from('{}');

  it('keeps only the leaf of a certificate chain, as cosign v3 writes it', () => {
    const bundle = toDSSEBundle({
      artifact: statement,
      artifactType: IN_TOTO_PAYLOAD_TYPE,
      signature: Buffer.from('sig'),
      certificate: Buffer.from('leaf'),
      certificateChain: true,
    });
    if (bundle.verificationMaterial.content.$case !== 'x509CertificateChain') assert.fail('no chain');
    bundle.verificationMaterial.content.x509CertificateChain.certificates.push({
      rawBytes: Buffer.from('ca'),
    });
    const cosign = toCosignBundle(bundle);
    assert.equal(cosign.mediaType, SIGSTORE_BUNDLE_V03);
    assert.deepEqual(cosign.verificationMaterial.content, {
      $case: 'certificate',
      certificate: { rawBytes: Buffer.from('leaf') },
    });
  });

  it('turns an empty chain into an empty certificate', () => {
    const bundle = toDSSEBundle({
      artifact: statement,
      artifactType: IN_TOTO_PAYLOAD_TYPE,
      signature: Buffer.from('sig'),
      certificate: Buffer.from('leaf'),
      certificateChain: true,
    });
    if (bundle.verificationMaterial.content.$case !== 'x509CertificateChain') assert.fail('no chain');
    bundle.verificationMaterial.content.x509CertificateChain.certificates = [];
    assert.deepEqual(toCosignBundle(bundle).verificationMaterial.content, {
      $case: 'certificate',
      certificate: { rawBytes: Buffer.alloc(0) },
    });
  });

  it('drops the keyid of every DSSE signature and keeps the rest of the envelope', () => {
    const bundle = toDSSEBundle({
      artifact: statement,
      artifactType: IN_TOTO_PAYLOAD_TYPE,
      signature: Buffer.from('sig'),
      keyHint: 'sigstore-js hint',
    });
    const cosign = toCosignBundle(bundle);
    assert.deepEqual(cosign.content, {
      $case: 'dsseEnvelope',
      dsseEnvelope: {
        payloadType: IN_TOTO_PAYLOAD_TYPE,
        payload: statement,
        signatures: [{ keyid: '', sig: Buffer.from('sig') }],
      },
    });
    assert.deepEqual(cosign.verificationMaterial.content, bundle.verificationMaterial.content);
  });

  it('leaves a message signature as it is', () => {
    const bundle = toMessageSignatureBundle({
      digest: Buffer.from('d'),
      signature: Buffer.from('s'),
      keyHint: 'h',
    });
    assert.deepEqual(toCosignBundle(bundle).content, bundle.content);
  });
});

describe('toSignedRecord', () => {
  const published: PublishRecord = {
    format: 'legacy',
    reference: 'registry.example/acme/app:sha256-00.sig',
    manifestDigest: sha256Digest(Buffer.from('list')),
    added: true,
  };
  const withLogEntry = (logIndex: string): Bundle => {
    const bundle = toMessageSignatureBundle({
      digest: Buffer.from('d'),
      signature: Buffer.from('s'),
      keyHint: 'h',
    });
    bundle.verificationMaterial.tlogEntries = [{ logIndex } as TransparencyLogEntry];
    return bundle;
  };

  it("adds the bundle's JSON and its log index to what was written", () => {
    const bundle = withLogEntry('42');
    assert.deepEqual(toSignedRecord(published, bundle, '{"given":true}'), {
      ...published,
      bundle: '{"given":true}',
      logIndex: '42',
    });
  });

  it('writes the bundle as JSON when given none, and no log index without a log entry', () => {
    const bundle = toMessageSignatureBundle({
      digest: Buffer.from('d'),
      signature: Buffer.from('s'),
      keyHint: 'h',
    });
    const record = toSignedRecord(published, bundle);
    assert.equal(record.bundle, JSON.stringify(bundleToJSON(bundle)));
    assert.equal('logIndex' in record, false);
  });

  it("keeps the record of a signature found already there, with that one's bundle", () => {
    const found = { ...published, added: false, bundle: '{"theirs":true}' };
    assert.equal(toSignedRecord(found, withLogEntry('7'), '{"ours":true}'), found);
  });

  it('adds our bundle to a record found without one', () => {
    const found = { ...published, added: false };
    assert.equal(toSignedRecord(found, withLogEntry('7'), '{"ours":true}').bundle, '{"ours":true}');
  });
});
