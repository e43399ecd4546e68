import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { generateKeyPair, verifyWithKey, type KeyPair } from '../harness/cosign.ts';
import {
  OCI_INDEX,
  OCI_MANIFEST,
  pushBlob,
  pushManifest,
  pushSingleImage,
  type PushedManifest,
} from '../harness/fixtures.ts';
import { readManifest } from '../harness/inspect.ts';
import { registryFetch, startRegistry, type TestRegistry } from '../harness/registry.ts';

const KEY_PASSWORD = 'layout';
const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const SPDX = 'application/spdx+json';

/** An SBOM referrer another tool attached, listed in the fallback tag as that tool wrote it. */
async function attachForeignSbom(
  registry: TestRegistry,
  repository: string,
  subject: PushedManifest,
): Promise<object> {
  const config = await pushBlob(registry, repository, Buffer.from('{}'));
  const sbom = await pushBlob(registry, repository, Buffer.from('{"spdxVersion":"SPDX-2.3"}'));
  const referrer = await pushManifest(registry, repository, undefined, {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: SPDX,
    config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: config.digest, size: config.size },
    layers: [{ mediaType: SPDX, digest: sbom.digest, size: sbom.size }],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
  });
  const entry = { mediaType: OCI_MANIFEST, digest: referrer.digest, size: referrer.size, artifactType: SPDX };
  await pushManifest(registry, repository, subject.digest.replace(':', '-'), {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [entry],
  });
  return entry;
}

describe('signatures written next to what is there, as other tools read them', () => {
  let registry: TestRegistry;
  let keys: KeyPair;
  let image: PushedManifest;
  let foreignEntry: object;
  let run: ActionRun;

  before(async () => {
    [registry, keys] = await Promise.all([startRegistry(), generateKeyPair(KEY_PASSWORD)]);
    image = await pushSingleImage(registry, 'acme/layout', 'v1.2.3');
    foreignEntry = await attachForeignSbom(registry, 'acme/layout', image);
    // Named with its tag as well as its digest, as goreleaser and build-push hand images over.
    run = await runAction({
      inputs: {
        images: `${registry.host}/acme/layout:v1.2.3@${image.digest}`,
        key: keys.privateKeyPem,
        'key-password': KEY_PASSWORD,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'off',
      },
    });
  });
  after(() => registry?.stop());

  it('signs in both formats', () => {
    assert.equal(run.exitCode, 0, run.outputs.signatures ?? run.stderr);
  });

  describe('the fallback referrers index (registry without the referrers API)', () => {
    it("keeps the other tool's referrer, entry for entry", async () => {
      const index = await readManifest(registry, 'acme/layout', image.digest.replace(':', '-'));
      assert.deepEqual(index?.manifests[0], foreignEntry);
      assert.equal(index.manifests.length, 2);
    });

    it('lists our bundle with its artifactType and annotations, as registries and clients filter on them', async () => {
      const index = await readManifest(registry, 'acme/layout', image.digest.replace(':', '-'));
      const ours = index?.manifests.find(
        (entry) => entry.digest !== (foreignEntry as { digest: string }).digest,
      );
      const referrer = await readManifest(registry, 'acme/layout', ours?.digest ?? 'missing');
      assert.equal(referrer?.artifactType, BUNDLE_V03);
      assert.equal(ours?.artifactType, BUNDLE_V03);
      assert.deepEqual(ours.annotations, referrer.annotations);
    });

    it('still verifies with cosign v3 next to the SBOM', async () => {
      const result = await verifyWithKey(
        'cosign3',
        `${registry.host}/acme/layout@${image.digest}`,
        keys.publicKeyPath,
      );
      assert.equal(result.code, 0, result.stderr);
    });
  });

  describe('the legacy .sig payload', () => {
    it('names the repository alone in docker-reference, without the tag (containers/image compares it)', async () => {
      const sig = await readManifest(registry, 'acme/layout', `${image.digest.replace(':', '-')}.sig`);
      const layer = sig?.layers[0];
      assert.ok(layer, 'a .sig layer');
      const payload = (await (
        await registryFetch(registry, `/v2/acme/layout/blobs/${layer.digest}`)
      ).json()) as {
        critical: { identity: { 'docker-reference': string } };
      };
      assert.equal(payload.critical.identity['docker-reference'], `${registry.host}/acme/layout`);
    });
  });
});
