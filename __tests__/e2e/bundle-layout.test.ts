import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { cosign, generateKeyPair, type KeyPair } from '../harness/cosign.ts';
import { pushSingleImage, type PushedManifest } from '../harness/fixtures.ts';
import { referrerDigests } from '../harness/inspect.ts';
import {
  registryFetch,
  startReferrersRegistry,
  startRegistry,
  type TestRegistry,
} from '../harness/registry.ts';

const PASSWORD = 'bundle-layout';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

/** cosign v3 signs without a log only under a signing config that names none (--tlog-upload=false is refused). */
function signingConfigWithoutLog(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rs-signing-config-')), 'signing_config.json');
  writeFileSync(
    path,
    JSON.stringify({
      mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
      rekorTlogConfig: { selector: 'ANY' },
      tsaConfig: { selector: 'ANY' },
    }),
  );
  return path;
}

/**
 * The manifest with what differs between any two signings blanked (digests, the bundle's size, the time)
 * and everything else kept, key order included: serialised, two layouts compare byte for byte.
 */
function layoutOf(manifestText: string): string {
  return JSON.stringify(JSON.parse(manifestText), (key, value: unknown) => {
    if (key === 'digest') return '<digest>';
    if (key === 'org.opencontainers.image.created') return '<time>';
    return value;
  }).replace(/("layers":\[\{"mediaType":"[^"]+","size":)\d+/, '$1<size>');
}

async function readReferrer(registry: TestRegistry, repository: string, subject: string): Promise<string> {
  const [digest, ...others] = await referrerDigests(registry, repository, subject);
  assert.ok(digest, `no referrer of ${repository}@${subject}`);
  assert.deepEqual(others, [], `more than one referrer of ${repository}@${subject}`);
  const response = await registryFetch(registry, `/v2/${repository}/manifests/${digest}`, {
    headers: { accept: OCI_MANIFEST },
  });
  assert.equal(response.status, 200);
  return response.text();
}

for (const start of [startRegistry, startReferrersRegistry]) {
  describe(`the bundle referrer laid out as cosign v3.1.3 writes it (${start === startRegistry ? 'distribution 2.8' : 'referrers API'})`, () => {
    let registry: TestRegistry;
    let keys: KeyPair;
    let cosignManifest: string;
    let ourManifest: string;

    before(async () => {
      [registry, keys] = await Promise.all([start(), generateKeyPair(PASSWORD)]);
      // The same image in two repositories, so each holds one signer's referrer alone.
      const images: PushedManifest[] = [];
      for (const repository of ['acme/by-cosign', 'acme/by-action'])
        images.push(await pushSingleImage(registry, repository, 'v1', 'bundle-layout'));
      const [byCosign, byAction] = images as [PushedManifest, PushedManifest];
      const signed = await cosign(
        'cosign3',
        [
          'sign',
          '--yes',
          '--key',
          keys.publicKeyPath.replace('.pub', '.key'),
          '--signing-config',
          signingConfigWithoutLog(),
          '--new-bundle-format',
          '--allow-http-registry',
          `${registry.host}/acme/by-cosign@${byCosign.digest}`,
        ],
        { COSIGN_PASSWORD: PASSWORD },
      );
      assert.equal(signed.code, 0, signed.stderr);
      const run = await runAction({
        inputs: {
          images: `${registry.host}/acme/by-action@${byAction.digest}`,
          key: keys.privateKeyPem,
          'key-password': PASSWORD,
          'tlog-upload': 'false',
          'allow-http-registry': 'true',
          provenance: 'off',
          'signature-format': 'bundle',
        },
      });
      assert.equal(run.exitCode, 0, run.stdout + run.stderr);
      cosignManifest = await readReferrer(registry, 'acme/by-cosign', byCosign.digest);
      ourManifest = await readReferrer(registry, 'acme/by-action', byAction.digest);
    });
    after(() => registry?.stop());

    it('has the same fields in the same order, the config descriptor with its artifactType', () => {
      assert.equal(layoutOf(ourManifest), layoutOf(cosignManifest));
    });

    it('is the same size as cosign’s, but for the bundle it carries', () => {
      const withoutBundleSize = (text: string) =>
        text.length - String((JSON.parse(text) as { layers: { size: number }[] }).layers[0]?.size).length;
      assert.equal(withoutBundleSize(ourManifest), withoutBundleSize(cosignManifest));
    });
  });
}
