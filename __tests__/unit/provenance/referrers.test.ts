import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { bundleToJSON, toMessageSignatureBundle } from '@sigstore/bundle';
import type { SourceEntry } from '../../../src/provenance/candidate.ts';
import { ReferrerBundleSource } from '../../../src/provenance/sources/referrers.ts';
import { ProvenanceVerifier } from '../../../src/provenance/sources/verify.ts';
import { ANNOTATION_BUNDLE_PREDICATE_TYPE, SIGSTORE_BUNDLE_V03 } from '../../../src/registry/media-types.ts';
import { COSIGN_SIGN_PREDICATE } from '../../../src/signatures/statement.ts';
import { FLEET, SLSA_V1, githubProvenanceStatement } from '../../harness/provenance.ts';
import { ProvenanceRegistry, type Pushed } from './provenance-registry.ts';
import {
  FLEET_RELEASE,
  attestWithKey,
  newSigningKey,
  startTestSigstore,
  type TestSigstore,
} from './test-sigstore.ts';

const REGISTRY = 'ghcr.io';
const REPOSITORY = 'rancher/fleet';
const IMAGE = { registry: REGISTRY, repository: REPOSITORY };

interface ReferrerSpec {
  /** The bundle (JSON, or raw bytes) in the single layer. */
  readonly bundle: object | Buffer;
  /** Layer media type; the bundle v0.3 type by default. */
  readonly layerType?: string;
  /** A second layer, as no Sigstore bundle referrer has. */
  readonly extraLayer?: boolean;
  /** The predicate-type annotation on the manifest and on its entry in the referrers index. */
  readonly predicateType?: string;
  /** Only on the manifest: the index entry is a hint anyone could have written otherwise. */
  readonly predicateTypeOnManifestOnly?: string;
}

const kinds = (entries: SourceEntry[]) =>
  entries.map((entry) => ('unreadable' in entry ? 'unreadable' : entry.signer.kind));

describe('ReferrerBundleSource (Sigstore bundles as OCI referrers)', () => {
  const key = newSigningKey();
  let sigstore: TestSigstore;
  let stranger: TestSigstore;
  let registry: ProvenanceRegistry;
  let subject: Pushed;
  let statement: object;
  before(async () => {
    sigstore = await startTestSigstore();
    stranger = await startTestSigstore();
  });
  const source = () =>
    new ReferrerBundleSource(
      registry,
      new ProvenanceVerifier({
        trustedRoot: async () => sigstore.trustedRoot,
        publicKeyPem: key.publicKeyPem,
      }),
    );

  /** The image, with these referrers attached through the fallback tag (no referrers API). */
  async function attached(referrers: (statement: object) => Promise<ReferrerSpec[]> | ReferrerSpec[]) {
    registry = new ProvenanceRegistry();
    subject = await registry.index(REPOSITORY, [], FLEET.tag);
    statement = githubProvenanceStatement({
      subjectName: `${REGISTRY}/${REPOSITORY}`,
      subjectDigest: subject.digest,
    });
    const entries = [];
    for (const spec of await referrers(statement)) {
      const predicateType = spec.predicateType ?? SLSA_V1;
      const layers = [{ mediaType: spec.layerType ?? SIGSTORE_BUNDLE_V03, content: spec.bundle }];
      if (spec.extraLayer) layers.push({ mediaType: SIGSTORE_BUNDLE_V03, content: spec.bundle });
      const manifest = await registry.image(REPOSITORY, layers, {
        subject,
        artifactType: SIGSTORE_BUNDLE_V03,
        annotations: {
          [ANNOTATION_BUNDLE_PREDICATE_TYPE]: spec.predicateTypeOnManifestOnly ?? predicateType,
        },
      });
      entries.push({
        ...manifest,
        artifactType: SIGSTORE_BUNDLE_V03,
        annotations: { [ANNOTATION_BUNDLE_PREDICATE_TYPE]: predicateType },
      });
    }
    if (entries.length > 0) await registry.index(REPOSITORY, entries, subject.digest.replace(':', '-'));
    return source().find(IMAGE, subject.digest);
  }

  it('reads a keyless provenance bundle attached to the digest asked', async () => {
    const entries = await attached(async (about) => [
      { bundle: bundleToJSON(await sigstore.attest(about, FLEET_RELEASE)) as object },
    ]);
    assert.deepEqual(registry.hostsAsked, [REGISTRY]);
    const [entry] = entries;
    assert.equal(entries.length, 1);
    assert.ok(entry && 'signer' in entry && entry.signer.kind === 'keyless', JSON.stringify(entry));
    assert.equal(entry.source, 'referrers');
    assert.equal(entry.digest, subject.digest);
    assert.equal(entry.signer.claims.san, FLEET_RELEASE.san);
    assert.equal(entry.provenance.sourceRevision, FLEET.commit);
    assert.equal(entry.signatureError, undefined);
  });

  it('keeps a bundle that does not verify as unsigned, with the reason', async () => {
    const entries = await attached(async (about) => [
      { bundle: bundleToJSON(await stranger.attest(about, FLEET_RELEASE)) as object },
    ]);
    const [entry] = entries;
    assert.ok(entry && 'provenance' in entry, JSON.stringify(entry));
    assert.deepEqual(entry.signer, { kind: 'unsigned' });
    assert.ok(entry.signatureError);
  });

  it("passes over this signer's own signatures, by the index entry or by the manifest", async () => {
    const ownSignature = async (about: object) =>
      bundleToJSON(await sigstore.attest(about, FLEET_RELEASE)) as object;
    const entries = await attached(async (about) => [
      { bundle: await ownSignature(about), predicateType: COSIGN_SIGN_PREDICATE },
      { bundle: await ownSignature(about), predicateTypeOnManifestOnly: COSIGN_SIGN_PREDICATE },
      { bundle: attestWithKeyJson(about) },
    ]);
    assert.deepEqual(kinds(entries), ['key']);
    // The fallback tag, then the two manifests the index entries do not rule out.
    assert.equal(registry.reads.filter((read) => read.startsWith('manifest ')).length, 3);
  });

  const attestWithKeyJson = (about: object) => bundleToJSON(attestWithKey(about, key.privateKey)) as object;

  it('passes over referrers that are no single Sigstore bundle', async () => {
    const entries = await attached((about) => [
      { bundle: attestWithKeyJson(about), layerType: 'application/spdx+json' },
      { bundle: attestWithKeyJson(about), extraLayer: true },
      { bundle: attestWithKeyJson(about) },
    ]);
    assert.deepEqual(kinds(entries), ['key']);
  });

  it('reports what it cannot read as unreadable, and still reads the referrers after it', async () => {
    const messageSignature = bundleToJSON(
      toMessageSignatureBundle({
        digest: createHash('sha256').update('x').digest(),
        signature: Buffer.from('sig'),
        keyHint: 'k',
      }),
    ) as object;
    const entries = await attached((about) => [
      { bundle: Buffer.from('{"mediaType": ') },
      { bundle: messageSignature },
      { bundle: attestWithKeyJson(about) },
    ]);
    assert.deepEqual(kinds(entries), ['unreadable', 'unreadable', 'key']);
    const [notJson, notDsse] = entries;
    assert.ok(notJson && 'unreadable' in notJson && notDsse && 'unreadable' in notDsse);
    assert.match(notJson.unreadable, /^unreadable bundle: .*JSON/);
    assert.equal(notDsse.unreadable, 'a Sigstore bundle that is not a DSSE attestation');
    assert.equal(notDsse.source, 'referrers');
    assert.equal(notDsse.digest, subject.digest);
  });

  it('reports a referrer whose manifest cannot be read, naming it', async () => {
    registry = new ProvenanceRegistry();
    subject = await registry.index(REPOSITORY, [], FLEET.tag);
    const notAManifest = await registry.manifest(REPOSITORY, { schemaVersion: 2, layers: 'none' });
    const gone = { ...notAManifest, digest: `sha256:${'0'.repeat(64)}` as const };
    await registry.index(REPOSITORY, [notAManifest, gone], subject.digest.replace(':', '-'));
    const entries = await source().find(IMAGE, subject.digest);
    assert.equal(entries.length, 1, JSON.stringify(entries));
    const [entry] = entries;
    assert.ok(entry && 'unreadable' in entry);
    assert.match(entry.unreadable, new RegExp(`^referrer ${notAManifest.digest}: `));
  });

  it('answers nothing without referrers, or for what is no digest', async () => {
    assert.deepEqual(await attached(() => []), []);
    assert.deepEqual(await source().find(IMAGE, FLEET.tag), []);
  });

  it('reads at most 32 referrers (anyone who can push may attach more)', async () => {
    const entries = await attached((about) =>
      Array.from({ length: 33 }, () => ({ bundle: attestWithKeyJson(about) })),
    );
    assert.equal(entries.length, 32);
  });
});
