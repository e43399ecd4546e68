import assert from 'node:assert/strict';
import { type KeyObject } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { pem } from '@sigstore/core';
import type { SourceEntry } from '../../../src/provenance/candidate.ts';
import { CosignAttestationSource } from '../../../src/provenance/sources/cosign-att.ts';
import { ProvenanceVerifier } from '../../../src/provenance/sources/verify.ts';
import {
  COSIGN_CERTIFICATE_ANNOTATION,
  COSIGN_SIMPLE_SIGNING,
  COSIGN_TIMESTAMP_ANNOTATION,
} from '../../../src/registry/media-types.ts';
import { FLEET, githubProvenanceStatement } from '../../harness/provenance.ts';
import { ProvenanceRegistry, type LayerSpec, type Pushed } from './provenance-registry.ts';
import {
  FLEET_RELEASE,
  IN_TOTO,
  newSigningKey,
  signStatement,
  startTestSigstore,
  type TestSigstore,
} from './test-sigstore.ts';

const REGISTRY = 'stgregistry.suse.com';
const REPOSITORY = 'rancher/fleet';
const IMAGE = { registry: REGISTRY, repository: REPOSITORY };
const DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json';

/** An envelope as `cosign attest` writes it into a `.att` layer. */
function envelope(statement: object, privateKey: KeyObject, payloadType = IN_TOTO) {
  const { payload, signature } = signStatement(statement, privateKey);
  return {
    payloadType,
    payload: payload.toString('base64'),
    signatures: [{ keyid: '', sig: signature.toString('base64') }],
  };
}

const attTag = (digest: string) => `${digest.replace(':', '-')}.att`;
const kinds = (entries: SourceEntry[]) =>
  entries.map((entry) => ('unreadable' in entry ? 'unreadable' : entry.signer.kind));

describe('CosignAttestationSource (legacy .att tag)', () => {
  const key = newSigningKey();
  let sigstore: TestSigstore;
  let registry: ProvenanceRegistry;
  let index: Pushed;
  let statement: object;
  before(async () => {
    sigstore = await startTestSigstore();
  });
  const source = () =>
    new CosignAttestationSource(
      registry,
      new ProvenanceVerifier({
        trustedRoot: async () => sigstore.trustedRoot,
        publicKeyPem: key.publicKeyPem,
      }),
    );
  /** The image, and `.att` layers on it. */
  async function attested(layers: (subject: Pushed) => Promise<LayerSpec[]> | LayerSpec[]) {
    registry = new ProvenanceRegistry();
    index = await registry.index(REPOSITORY, [], FLEET.tag);
    statement = githubProvenanceStatement({
      subjectName: `${REGISTRY}/${REPOSITORY}`,
      subjectDigest: index.digest,
    });
    const att = await layers(index);
    if (att.length > 0) await registry.image(REPOSITORY, att, { tag: attTag(index.digest) });
    return source().find(IMAGE, index.digest);
  }
  const keySigned = (privateKey = key.privateKey): LayerSpec => ({
    mediaType: DSSE_ENVELOPE,
    content: envelope(statement, privateKey),
  });

  it('reads a key-signed attestation about the digest asked, verified against provenance-key', async () => {
    const entries = await attested(() => [keySigned()]);
    assert.deepEqual(registry.hostsAsked, [REGISTRY]);
    assert.equal(entries.length, 1);
    const [entry] = entries;
    assert.ok(entry && 'provenance' in entry, JSON.stringify(entry));
    assert.equal(entry.source, 'cosign');
    assert.equal(entry.digest, index.digest);
    assert.deepEqual(entry.signer, { kind: 'key' });
    assert.equal(entry.signatureError, undefined);
    assert.equal(entry.provenance.sourceRepository, FLEET.repository);
    assert.deepEqual(entry.provenance.subjectDigests, [index.digest.slice('sha256:'.length)]);
  });

  it('reads a keyless attestation: certificate and timestamp from the layer annotations', async () => {
    const entries = await attested(async () => {
      const { certificate, privateKey } = await sigstore.certify(FLEET_RELEASE);
      const signed = envelope(statement, privateKey);
      const timestamp = await sigstore.timestamp(Buffer.from(signed.signatures[0]?.sig ?? '', 'base64'));
      return [
        {
          mediaType: DSSE_ENVELOPE,
          content: signed,
          annotations: {
            [COSIGN_CERTIFICATE_ANNOTATION]: pem.fromDER(certificate),
            [COSIGN_TIMESTAMP_ANNOTATION]: JSON.stringify({
              SignedRFC3161Timestamp: timestamp.toString('base64'),
            }),
          },
        },
      ];
    });
    const [entry] = entries;
    assert.ok(entry && 'signer' in entry && entry.signer.kind === 'keyless', JSON.stringify(entry));
    assert.equal(entry.signer.claims.san, FLEET_RELEASE.san);
    assert.equal(entry.signer.claims.buildTrigger, 'push');
  });

  describe('keeps a statement whose signature does not verify as unsigned, with the reason', () => {
    const cases: [string, () => LayerSpec][] = [
      ['signed by another key', () => keySigned(newSigningKey().privateKey)],
      [
        'its payload type changed after signing',
        () => ({
          mediaType: DSSE_ENVELOPE,
          content: { ...envelope(statement, key.privateKey), payloadType: 'text/plain' },
        }),
      ],
      [
        'without any signature',
        () => ({
          mediaType: DSSE_ENVELOPE,
          content: { ...envelope(statement, key.privateKey), signatures: [] },
        }),
      ],
    ];
    for (const [what, layer] of cases) {
      it(what, async () => {
        const [entry] = await attested(() => [layer()]);
        assert.ok(entry && 'provenance' in entry, JSON.stringify(entry));
        assert.deepEqual(entry.signer, { kind: 'unsigned' });
        assert.ok(entry.signatureError, 'no reason given');
      });
    }
  });

  it('answers nothing when the digest has no .att tag, or is no digest', async () => {
    assert.deepEqual(await attested(() => []), []);
    assert.deepEqual(await source().find(IMAGE, FLEET.tag), []);
    assert.deepEqual(registry.reads, [`manifest ${attTag(index.digest)}`]);
  });

  it('reports a layer it cannot read as unreadable, and still reads the ones after it', async () => {
    let brokenDigest = '';
    const entries = await attested(async () => {
      brokenDigest = (await registry.blob(REPOSITORY, Buffer.from('{"payload": '))).digest;
      return [
        { mediaType: DSSE_ENVELOPE, content: Buffer.from('{"payload": ') },
        { mediaType: DSSE_ENVELOPE, content: { payloadType: IN_TOTO, signatures: [] } },
        keySigned(),
      ];
    });
    assert.deepEqual(kinds(entries), ['unreadable', 'unreadable', 'key']);
    const [broken, empty] = entries;
    assert.ok(broken && 'unreadable' in broken && empty && 'unreadable' in empty);
    assert.match(broken.unreadable, new RegExp(`^${attTag(index.digest)} layer ${brokenDigest}: .*JSON`));
    assert.equal(broken.source, 'cosign');
    assert.equal(broken.digest, index.digest);
    assert.match(empty.unreadable, /JSON/);
  });

  it('reads DSSE envelope layers only', async () => {
    const entries = await attested(() => [
      { mediaType: COSIGN_SIMPLE_SIGNING, content: Buffer.from('{}') },
      keySigned(),
    ]);
    assert.deepEqual(kinds(entries), ['key']);
  });

  it('reads at most 32 layers (anyone who can push may append more)', async () => {
    const entries = await attested(() => {
      const layers: LayerSpec[] = [];
      for (let n = 0; n < 33; n++) layers.push({ ...keySigned(), annotations: { n: String(n) } });
      return layers;
    });
    assert.equal(entries.length, 32);
  });
});
