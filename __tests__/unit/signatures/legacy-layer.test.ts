import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  toDSSEBundle,
  toMessageSignatureBundle,
  type Bundle,
  type TransparencyLogEntry,
} from '@sigstore/bundle';
import type { TransparencyLogEntry as ProtoLogEntry } from '@sigstore/protobuf-specs';
import {
  COSIGN_BUNDLE_ANNOTATION,
  COSIGN_CERTIFICATE_ANNOTATION,
  COSIGN_CHAIN_ANNOTATION,
  COSIGN_SIGNATURE_ANNOTATION,
  COSIGN_TIMESTAMP_ANNOTATION,
} from '../../../src/registry/media-types.ts';
import {
  toLegacyBundle,
  toLegacySignature,
  toTlogEntry,
  withLegacyWitnesses,
} from '../../../src/signatures/legacy-layer.ts';

const PAYLOAD = Buffer.from('{"critical":{},"optional":null}');
const SIGNATURE = Buffer.from('a DER signature');
/** Certificates are carried, not parsed, here: any DER bytes show where each one goes. */
const LEAF = Buffer.from('leaf certificate DER');
const INTERMEDIATE = Buffer.from('intermediate DER');
const ROOT = Buffer.from('root DER');
const pemOf = (der: Buffer): string =>
  `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;

const REKOR_BODY = Buffer.from('{"apiVersion":"0.0.1","kind":"hashedrekord","spec":{}}');
const LOG_ENTRY: TransparencyLogEntry = {
  logIndex: '12345',
  logId: { keyId: Buffer.from('c0d23d6ad406973f', 'hex') },
  kindVersion: { kind: 'hashedrekord', version: '0.0.1' },
  integratedTime: '1700000000',
  inclusionPromise: { signedEntryTimestamp: Buffer.from('the SET') },
  inclusionProof: undefined,
  canonicalizedBody: REKOR_BODY,
};
const REKOR_ANNOTATION = `{"SignedEntryTimestamp":"${Buffer.from('the SET').toString('base64')}","Payload":{"body":"${REKOR_BODY.toString('base64')}","integratedTime":1700000000,"logIndex":12345,"logID":"c0d23d6ad406973f"}}`;
const TIMESTAMP = Buffer.from('an RFC 3161 timestamp DER');

function messageBundle(key: { certificate?: Buffer; certificateChain?: boolean } = {}): Bundle {
  return toMessageSignatureBundle({
    digest: createHash('sha256').update(PAYLOAD).digest(),
    signature: SIGNATURE,
    ...(key.certificate
      ? { certificate: key.certificate, certificateChain: key.certificateChain ?? false }
      : { keyHint: 'hint' }),
  });
}

describe('toLegacySignature', () => {
  it('signed with a key: the signature annotation alone, base64 of the signature', () => {
    const layer = toLegacySignature(PAYLOAD, messageBundle());
    assert.equal(layer.payload, PAYLOAD);
    assert.deepEqual(layer.annotations, { [COSIGN_SIGNATURE_ANNOTATION]: SIGNATURE.toString('base64') });
  });

  it('keyless with a chain: the leaf as certificate, the rest concatenated as chain (PEM)', () => {
    const bundle = messageBundle({ certificate: LEAF, certificateChain: true });
    if (bundle.verificationMaterial.content.$case !== 'x509CertificateChain') assert.fail('not a chain');
    bundle.verificationMaterial.content.x509CertificateChain.certificates.push(
      { rawBytes: INTERMEDIATE },
      { rawBytes: ROOT },
    );
    const { annotations } = toLegacySignature(PAYLOAD, bundle);
    assert.equal(annotations[COSIGN_CERTIFICATE_ANNOTATION], pemOf(LEAF));
    assert.equal(annotations[COSIGN_CHAIN_ANNOTATION], pemOf(INTERMEDIATE) + pemOf(ROOT));
  });

  it('keyless with a leaf certificate only: the certificate, and the chain present but empty as cosign writes it', () => {
    const { annotations } = toLegacySignature(PAYLOAD, messageBundle({ certificate: LEAF }));
    assert.equal(annotations[COSIGN_CERTIFICATE_ANNOTATION], pemOf(LEAF));
    assert.equal(annotations[COSIGN_CHAIN_ANNOTATION], '');
  });

  it("with a log entry: cosign's Rekor bundle annotation, fields in Go's order", () => {
    const bundle = messageBundle();
    bundle.verificationMaterial.tlogEntries = [LOG_ENTRY];
    assert.equal(toLegacySignature(PAYLOAD, bundle).annotations[COSIGN_BUNDLE_ANNOTATION], REKOR_ANNOTATION);
  });

  it('with a log entry lacking its promise and log id: empty strings where cosign expects them', () => {
    const bundle = messageBundle();
    // A bundle read from JSON may lack them; the protobuf type allows it where sigstore-js's does not.
    const withoutIds: ProtoLogEntry = { ...LOG_ENTRY, inclusionPromise: undefined, logId: undefined };
    bundle.verificationMaterial.tlogEntries = [withoutIds as TransparencyLogEntry];
    const annotation = JSON.parse(
      toLegacySignature(PAYLOAD, bundle).annotations[COSIGN_BUNDLE_ANNOTATION] ?? '',
    ) as {
      SignedEntryTimestamp: string;
      Payload: { logID: string };
    };
    assert.equal(annotation.SignedEntryTimestamp, '');
    assert.equal(annotation.Payload.logID, '');
  });

  it('with an RFC 3161 timestamp: the rfc3161timestamp annotation', () => {
    const bundle = messageBundle();
    bundle.verificationMaterial.timestampVerificationData = {
      rfc3161Timestamps: [{ signedTimestamp: TIMESTAMP }],
    };
    assert.equal(
      toLegacySignature(PAYLOAD, bundle).annotations[COSIGN_TIMESTAMP_ANNOTATION],
      `{"SignedRFC3161Timestamp":"${TIMESTAMP.toString('base64')}"}`,
    );
  });

  it('without timestamp data at all: no rfc3161timestamp annotation', () => {
    const bundle = messageBundle();
    bundle.verificationMaterial.timestampVerificationData = undefined;
    assert.equal(COSIGN_TIMESTAMP_ANNOTATION in toLegacySignature(PAYLOAD, bundle).annotations, false);
  });

  it('refuses a DSSE bundle: a .sig layer holds a message signature', () => {
    const bundle = toDSSEBundle({
      artifact: PAYLOAD,
      artifactType: 'x',
      signature: SIGNATURE,
      keyHint: 'hint',
    });
    assert.throws(
      () => toLegacySignature(PAYLOAD, bundle),
      /a legacy .sig layer needs a message-signature bundle/,
    );
  });
});

describe('toTlogEntry', () => {
  it('is undefined without an annotation', () => {
    assert.equal(toTlogEntry(undefined), undefined);
    assert.equal(toTlogEntry(''), undefined);
  });

  it('gives back the entry the annotation was made from (no inclusion proof)', () => {
    assert.deepEqual(toTlogEntry(REKOR_ANNOTATION), LOG_ENTRY);
  });

  it('reads a missing index and time as 0, and a body without kind as an empty kind', () => {
    const body = Buffer.from('{}').toString('base64');
    const entry = toTlogEntry(
      JSON.stringify({ SignedEntryTimestamp: 'U0VU', Payload: { body, logID: 'ab' } }),
    );
    assert.equal(entry?.logIndex, '0');
    assert.equal(entry.integratedTime, '0');
    assert.deepEqual(entry.kindVersion, { kind: '', version: '' });
  });

  const incomplete: [string, unknown][] = [
    ['no Payload', { SignedEntryTimestamp: 'U0VU' }],
    ['no body', { SignedEntryTimestamp: 'U0VU', Payload: { logID: 'ab' } }],
    ['no log id', { SignedEntryTimestamp: 'U0VU', Payload: { body: 'e30=' } }],
    ['no SET', { Payload: { body: 'e30=', logID: 'ab' } }],
  ];
  for (const [what, annotation] of incomplete) {
    it(`refuses an annotation with ${what}`, () => {
      assert.throws(
        () => toTlogEntry(JSON.stringify(annotation)),
        /the Rekor bundle annotation is incomplete/,
      );
    });
  }
});

describe('toLegacyBundle', () => {
  const signed = toLegacySignature(PAYLOAD, messageBundle()).annotations;

  it('signed with a key: the signature over the payload digest, and our key hint', () => {
    const bundle = toLegacyBundle(PAYLOAD, signed, true);
    if (bundle.content.$case !== 'messageSignature') assert.fail('not a message signature');
    assert.deepEqual(bundle.content.messageSignature.signature, SIGNATURE);
    assert.deepEqual(
      bundle.content.messageSignature.messageDigest.digest,
      createHash('sha256').update(PAYLOAD).digest(),
    );
    assert.deepEqual(bundle.verificationMaterial.content, {
      $case: 'publicKey',
      publicKey: { hint: 'release-signer' },
    });
    assert.deepEqual(bundle.verificationMaterial.tlogEntries, []);
  });

  it('without a signature annotation: an empty signature, which no verifier accepts', () => {
    const bundle = toLegacyBundle(PAYLOAD, {}, false);
    if (bundle.content.$case !== 'messageSignature') assert.fail('not a message signature');
    assert.equal(bundle.content.messageSignature.signature.length, 0);
  });

  it('keyless: the leaf certificate from its annotation, as DER', () => {
    const bundle = toLegacyBundle(
      PAYLOAD,
      { ...signed, [COSIGN_CERTIFICATE_ANNOTATION]: pemOf(LEAF) },
      false,
    );
    assert.deepEqual(bundle.verificationMaterial.content, {
      $case: 'certificate',
      certificate: { rawBytes: LEAF },
    });
  });

  it('with the log checked: the entry behind the Rekor bundle annotation; unchecked: none', () => {
    const annotations = { ...signed, [COSIGN_BUNDLE_ANNOTATION]: REKOR_ANNOTATION };
    assert.deepEqual(toLegacyBundle(PAYLOAD, annotations, true).verificationMaterial.tlogEntries, [
      LOG_ENTRY,
    ]);
    assert.deepEqual(toLegacyBundle(PAYLOAD, annotations, false).verificationMaterial.tlogEntries, []);
  });

  it('with a timestamp annotation: the timestamp for verification; an empty one when it holds none', () => {
    const stamped = {
      ...signed,
      [COSIGN_TIMESTAMP_ANNOTATION]: `{"SignedRFC3161Timestamp":"${TIMESTAMP.toString('base64')}"}`,
    };
    assert.deepEqual(toLegacyBundle(PAYLOAD, stamped, false).verificationMaterial.timestampVerificationData, {
      rfc3161Timestamps: [{ signedTimestamp: TIMESTAMP }],
    });
    const empty = { ...signed, [COSIGN_TIMESTAMP_ANNOTATION]: '{}' };
    assert.deepEqual(toLegacyBundle(PAYLOAD, empty, false).verificationMaterial.timestampVerificationData, {
      rfc3161Timestamps: [{ signedTimestamp: Buffer.alloc(0) }],
    });
  });
});

describe('withLegacyWitnesses', () => {
  it('adds no log entry and no timestamp without their annotations', () => {
    const { verificationMaterial } = withLegacyWitnesses(messageBundle(), {}, true);
    assert.deepEqual(verificationMaterial.tlogEntries, []);
    assert.deepEqual(verificationMaterial.timestampVerificationData, { rfc3161Timestamps: [] });
  });
});
