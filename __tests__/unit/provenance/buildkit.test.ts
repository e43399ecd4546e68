import assert from 'node:assert/strict';
import { sign, type KeyObject } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { pem } from '@sigstore/core';
import type { SourceEntry } from '../../../src/provenance/candidate.ts';
import { BuildkitAttestationSource } from '../../../src/provenance/sources/buildkit.ts';
import { ProvenanceVerifier } from '../../../src/provenance/sources/verify.ts';
import {
  COSIGN_CERTIFICATE_ANNOTATION,
  COSIGN_SIGNATURE_ANNOTATION,
  COSIGN_SIMPLE_SIGNING,
  COSIGN_TIMESTAMP_ANNOTATION,
} from '../../../src/registry/media-types.ts';
import { toSimpleSigningPayload } from '../../../src/signatures/payload.ts';
import type { Digest } from '../../../src/subjects/reference.ts';
import { FLEET, buildkitV1Statement } from '../../harness/provenance.ts';
import {
  ProvenanceRegistry,
  asAttestationManifest,
  type LayerSpec,
  type Pushed,
} from './provenance-registry.ts';
import { FLEET_RELEASE, newSigningKey, startTestSigstore, type TestSigstore } from './test-sigstore.ts';

const REGISTRY = 'stgregistry.suse.com';
const REPOSITORY = 'rancher/fleet';
const IMAGE = { registry: REGISTRY, repository: REPOSITORY };
const IN_TOTO = 'application/vnd.in-toto+json';
const SPDX = 'https://spdx.dev/Document';
const provenanceLayer = (platformDigest: string, platform: string): LayerSpec => ({
  mediaType: IN_TOTO,
  content: buildkitV1Statement(platformDigest, platform, { imageName: `${REGISTRY}/${REPOSITORY}` }),
  annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v1' },
});
const sbomLayer: LayerSpec = {
  mediaType: IN_TOTO,
  content: { _type: 'https://in-toto.io/Statement/v1', predicateType: SPDX, subject: [], predicate: {} },
  annotations: { 'in-toto.io/predicate-type': SPDX },
};

/** What `buildx build --push --provenance=mode=max --sbom=true` leaves: platforms and their attestations. */
async function pushFleetIndex(
  registry: ProvenanceRegistry,
  attestationLayers: (amd64: Pushed) => LayerSpec[] = (amd64) => [
    sbomLayer,
    provenanceLayer(amd64.digest, 'linux/amd64'),
  ],
) {
  const amd64 = await registry.image(REPOSITORY, [
    { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', content: Buffer.from('amd64') },
  ]);
  const arm64 = await registry.image(REPOSITORY, [
    { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', content: Buffer.from('arm64') },
  ]);
  const amd64Attestation = await registry.image(REPOSITORY, attestationLayers(amd64));
  const arm64Attestation = await registry.image(REPOSITORY, [provenanceLayer(arm64.digest, 'linux/arm64')]);
  const index = await registry.index(
    REPOSITORY,
    [
      { ...amd64, platform: { architecture: 'amd64', os: 'linux' } },
      { ...arm64, platform: { architecture: 'arm64', os: 'linux' } },
      asAttestationManifest(amd64Attestation, amd64.digest),
      asAttestationManifest(arm64Attestation, arm64.digest),
    ],
    FLEET.tag,
  );
  return { index, amd64, arm64, amd64Attestation };
}

/** A cosign `.sig` layer on `digest`: the simple-signing payload, its signature and any extra annotations. */
function sigLayer(
  digest: Digest,
  privateKey: KeyObject,
  annotations: Record<string, string> = {},
): LayerSpec {
  const payload = toSimpleSigningPayload({ registry: REGISTRY, repository: REPOSITORY, digest }, {});
  return {
    mediaType: COSIGN_SIMPLE_SIGNING,
    content: payload,
    annotations: {
      [COSIGN_SIGNATURE_ANNOTATION]: sign('sha256', payload, privateKey).toString('base64'),
      ...annotations,
    },
  };
}

const sigTag = (digest: string) => `${digest.replace(':', '-')}.sig`;
const signerKinds = (entries: SourceEntry[]) =>
  entries.map((entry) => ('signer' in entry ? entry.signer.kind : 'unreadable'));

describe('BuildkitAttestationSource', () => {
  const key = newSigningKey();
  let sigstore: TestSigstore;
  before(async () => {
    sigstore = await startTestSigstore();
  });
  const sourceOver = (registry: ProvenanceRegistry) =>
    new BuildkitAttestationSource(
      registry,
      new ProvenanceVerifier({
        trustedRoot: async () => sigstore.trustedRoot,
        publicKeyPem: key.publicKeyPem,
      }),
    );

  describe('asked about an index', () => {
    it("answers for each platform with its attestation manifest's statements, unsigned, from the image's registry", async () => {
      const registry = new ProvenanceRegistry();
      const { index, amd64, arm64 } = await pushFleetIndex(registry);
      const entries = await sourceOver(registry).find(IMAGE, index.digest);
      assert.deepEqual(registry.hostsAsked, [REGISTRY]);
      assert.deepEqual(
        entries.map((entry) => [
          entry.source,
          entry.digest,
          'provenance' in entry ? entry.provenance.predicateType : '',
        ]),
        [
          ['buildkit', amd64.digest, SPDX],
          ['buildkit', amd64.digest, 'https://slsa.dev/provenance/v1'],
          ['buildkit', arm64.digest, 'https://slsa.dev/provenance/v1'],
        ],
      );
      const amd64Provenance = entries[1];
      assert.ok(amd64Provenance && 'provenance' in amd64Provenance);
      assert.deepEqual(amd64Provenance.signer, { kind: 'unsigned' });
      assert.equal(amd64Provenance.provenance.sourceRepository, FLEET.repository);
      assert.deepEqual(amd64Provenance.provenance.subjectDigests, [amd64.digest.slice('sha256:'.length)]);
    });

    it('skips layers that are not in-toto statements', async () => {
      const registry = new ProvenanceRegistry();
      const { index, amd64 } = await pushFleetIndex(registry, (platform) => [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', content: Buffer.from('not a statement') },
        provenanceLayer(platform.digest, 'linux/amd64'),
      ]);
      const entries = await sourceOver(registry).find(IMAGE, index.digest);
      assert.deepEqual(
        entries.filter((entry) => entry.digest === amd64.digest).map((entry) => 'provenance' in entry),
        [true],
      );
    });

    it('reports a statement it cannot read as unreadable, naming its predicate type and layer', async () => {
      const registry = new ProvenanceRegistry();
      const broken: LayerSpec = {
        mediaType: IN_TOTO,
        content: Buffer.from('{"_type": '),
        annotations: { 'in-toto.io/predicate-type': SPDX },
      };
      const unnamed: LayerSpec = { mediaType: IN_TOTO, content: Buffer.from('[') };
      const { index, amd64 } = await pushFleetIndex(registry, () => [broken, unnamed]);
      const brokenDigest = (await registry.blob(REPOSITORY, broken.content)).digest;
      const unnamedDigest = (await registry.blob(REPOSITORY, unnamed.content)).digest;
      const entries = (await sourceOver(registry).find(IMAGE, index.digest)).filter(
        (entry) => entry.digest === amd64.digest,
      );
      assert.equal(entries.length, 2);
      const [first, second] = entries;
      assert.ok(first && 'unreadable' in first && second && 'unreadable' in second, JSON.stringify(entries));
      assert.match(
        first.unreadable,
        new RegExp(`^${SPDX.replace(/[./]/g, '\\$&')} statement ${brokenDigest}: .*JSON`),
      );
      assert.match(second.unreadable, new RegExp(`^in-toto statement ${unnamedDigest}: `));
      assert.equal(first.source, 'buildkit');
    });

    it('passes over an attestation manifest that names no platform manifest, or is missing', async () => {
      const registry = new ProvenanceRegistry();
      const amd64 = await registry.image(REPOSITORY, []);
      const orphan = await registry.image(REPOSITORY, [provenanceLayer(amd64.digest, 'linux/amd64')]);
      const missing = { ...orphan, digest: `sha256:${'0'.repeat(64)}` as const };
      const kept = await registry.image(REPOSITORY, [provenanceLayer(amd64.digest, 'linux/amd64')], {
        annotations: { kept: 'yes' },
      });
      const index = await registry.index(REPOSITORY, [
        { ...amd64, platform: { architecture: 'amd64', os: 'linux' } },
        asAttestationManifest(orphan, undefined),
        asAttestationManifest(missing, amd64.digest),
        asAttestationManifest(kept, amd64.digest),
        // An ordinary child manifest is built code, not an attestation, whatever it holds.
        { ...orphan, platform: { architecture: 'arm64', os: 'linux' } },
      ]);
      const entries = await sourceOver(registry).find(IMAGE, index.digest);
      assert.equal(entries.length, 1, JSON.stringify(entries));
      assert.equal(entries[0]?.digest, amd64.digest);
      assert.ok(
        !registry.reads.includes(`manifest ${orphan.digest}`),
        'read an attestation that names no platform',
      );
    });
  });

  describe('asked about what is no index', () => {
    it('answers nothing for a platform manifest, an unknown digest or a tag', async () => {
      const registry = new ProvenanceRegistry();
      const { amd64 } = await pushFleetIndex(registry);
      const source = sourceOver(registry);
      assert.deepEqual(await source.find(IMAGE, amd64.digest), []);
      assert.deepEqual(await source.find(IMAGE, `sha256:${'1'.repeat(64)}`), []);
      assert.deepEqual(await source.find(IMAGE, FLEET.tag), []);
    });

    it('reads no signature of an index without attestation manifests', async () => {
      const registry = new ProvenanceRegistry();
      const amd64 = await registry.image(REPOSITORY, []);
      const index = await registry.index(REPOSITORY, [
        { ...amd64, platform: { architecture: 'amd64', os: 'linux' } },
      ]);
      assert.deepEqual(await sourceOver(registry).find(IMAGE, index.digest), []);
      assert.deepEqual(registry.reads, [`manifest ${index.digest}`]);
    });
  });

  describe("when the index carries a cosign signature (.sig), its verified signer stands for the attestations'", () => {
    it('takes a key signature over the index digest', async () => {
      const registry = new ProvenanceRegistry();
      const { index } = await pushFleetIndex(registry);
      await registry.image(REPOSITORY, [sigLayer(index.digest, key.privateKey)], {
        tag: sigTag(index.digest),
      });
      assert.deepEqual(signerKinds(await sourceOver(registry).find(IMAGE, index.digest)), [
        'key',
        'key',
        'key',
      ]);
    });

    it('takes a keyless signature with the claims of its certificate', async () => {
      const registry = new ProvenanceRegistry();
      const { index } = await pushFleetIndex(registry);
      const { certificate, privateKey } = await sigstore.certify(FLEET_RELEASE);
      const layer = sigLayer(index.digest, privateKey);
      const signature = Buffer.from(layer.annotations?.[COSIGN_SIGNATURE_ANNOTATION] ?? '', 'base64');
      await registry.image(
        REPOSITORY,
        [
          {
            ...layer,
            annotations: {
              ...layer.annotations,
              [COSIGN_CERTIFICATE_ANNOTATION]: pem.fromDER(certificate),
              [COSIGN_TIMESTAMP_ANNOTATION]: JSON.stringify({
                SignedRFC3161Timestamp: (await sigstore.timestamp(signature)).toString('base64'),
              }),
            },
          },
        ],
        { tag: sigTag(index.digest) },
      );
      const [entry] = await sourceOver(registry).find(IMAGE, index.digest);
      assert.ok(entry && 'signer' in entry && entry.signer.kind === 'keyless', JSON.stringify(entry));
      assert.equal(entry.signer.claims.san, FLEET_RELEASE.san);
      assert.equal(entry.signer.claims.sourceRepositoryUri, `https://github.com/${FLEET.repository}`);
    });

    it('looks past layers it cannot use to the first signature that verifies', async () => {
      const registry = new ProvenanceRegistry();
      const { index, amd64 } = await pushFleetIndex(registry);
      const stranger = newSigningKey();
      const good = sigLayer(index.digest, key.privateKey);
      await registry.image(
        REPOSITORY,
        [
          { mediaType: 'application/vnd.oci.image.layer.v1.tar', content: Buffer.from('x') },
          { mediaType: COSIGN_SIMPLE_SIGNING, content: Buffer.from('not json') },
          sigLayer(amd64.digest, key.privateKey),
          sigLayer(index.digest, stranger.privateKey),
          good,
        ],
        { tag: sigTag(index.digest) },
      );
      assert.deepEqual(signerKinds(await sourceOver(registry).find(IMAGE, index.digest)), [
        'key',
        'key',
        'key',
      ]);
    });

    it('stays unsigned when no signature on it verifies, or none is about this index', async () => {
      const registry = new ProvenanceRegistry();
      const { index, amd64 } = await pushFleetIndex(registry);
      await registry.image(
        REPOSITORY,
        [
          sigLayer(index.digest, newSigningKey().privateKey),
          // A valid signature of the platform manifest, copied under the index's tag.
          sigLayer(amd64.digest, key.privateKey),
        ],
        { tag: sigTag(index.digest) },
      );
      assert.deepEqual(signerKinds(await sourceOver(registry).find(IMAGE, index.digest)), [
        'unsigned',
        'unsigned',
        'unsigned',
      ]);
    });

    it('reads at most 16 signature layers (anyone who can push may append more)', async () => {
      const registry = new ProvenanceRegistry();
      const { index } = await pushFleetIndex(registry);
      const stranger = newSigningKey();
      const planted = [];
      for (let n = 0; n < 16; n++)
        planted.push(sigLayer(index.digest, stranger.privateKey, { n: String(n) }));
      await registry.image(REPOSITORY, [...planted, sigLayer(index.digest, key.privateKey)], {
        tag: sigTag(index.digest),
      });
      assert.deepEqual(signerKinds(await sourceOver(registry).find(IMAGE, index.digest)), [
        'unsigned',
        'unsigned',
        'unsigned',
      ]);
    });
  });
});
