import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { COSIGN_VERSIONS, generateKeyPair, verifyWithKey, type KeyPair } from '../harness/cosign.ts';
import {
  OCI_MANIFEST,
  pushBlob,
  pushManifest,
  pushSingleImage,
  type PushedManifest,
} from '../harness/fixtures.ts';
import { registryFetch, startRegistry, type TestRegistry } from '../harness/registry.ts';
import { snapshotRegistry } from '../harness/registry-state.ts';
import { leakedSecrets } from '../harness/secrets.ts';

const PASSWORD = 'correct horse battery staple';

describe('key signing, legacy .sig format, against distribution 2.8', () => {
  let registry: TestRegistry;
  let keys: KeyPair;
  let otherKeys: KeyPair;
  let image: PushedManifest;
  let imageRef: string;

  before(async () => {
    [registry, keys, otherKeys] = await Promise.all([
      startRegistry(),
      generateKeyPair(PASSWORD),
      generateKeyPair('other'),
    ]);
    image = await pushSingleImage(registry, 'acme/app', 'v1.0.0');
    imageRef = `${registry.host}/acme/app@${image.digest}`;
  });
  after(() => registry?.stop());

  const sign = (inputs: Record<string, string> = {}) =>
    runAction({
      inputs: {
        images: imageRef,
        key: keys.privateKeyPem,
        'key-password': PASSWORD,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'off',
        'signature-format': 'legacy',
        ...inputs,
      },
    });

  describe('when the password is wrong', () => {
    it('fails with exit code 1, names key-password, and writes nothing to the registry', async () => {
      const before = snapshotRegistry(registry);
      const run = await sign({ 'key-password': 'not the password' });
      assert.equal(run.exitCode, 1);
      assert.match(run.stdout, /::error::Input 'key-password': the password does not decrypt the key/);
      assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /, 'no stack trace');
      assert.deepEqual(snapshotRegistry(registry), before);
    });
  });

  describe('when the key and password are right', () => {
    let run: Awaited<ReturnType<typeof sign>>;
    before(async () => {
      run = await sign();
    });

    it('exits 0 and reports the signature in the signatures output', () => {
      assert.equal(run.exitCode, 0, run.stdout + run.stderr);
      const signatures = JSON.parse(run.outputs.signatures ?? '[]') as {
        digest: string;
        status: string;
        references: Record<string, string>;
      }[];
      assert.equal(signatures.length, 1);
      assert.equal(signatures[0]?.digest, image.digest);
      assert.equal(signatures[0]?.status, 'signed');
      assert.deepEqual(signatures[0]?.references, {
        legacy: `${registry.host}/acme/app:${image.digest.replace(':', '-')}.sig`,
      });
      assert.equal(run.outputs.signed, '1');
      assert.equal(run.outputs.failed, '0');
    });

    for (const version of COSIGN_VERSIONS) {
      it(`is accepted by ${version} verify --key`, async () => {
        const result = await verifyWithKey(version, imageRef, keys.publicKeyPath);
        assert.equal(result.code, 0, result.stderr);
        const claims = JSON.parse(result.stdout) as {
          critical: { image: { 'docker-manifest-digest': string } };
        }[];
        assert.equal(claims[0]?.critical.image['docker-manifest-digest'], image.digest);
      });

      it(`is rejected by ${version} with another public key`, async () => {
        const result = await verifyWithKey(version, imageRef, otherKeys.publicKeyPath);
        assert.notEqual(result.code, 0);
        assert.match(result.stderr, /no matching signatures|invalid signature/i);
      });
    }

    it('masks the key and its password and never prints them', () => {
      const keyLines = keys.privateKeyPem.split('\n').filter((line) => line.length > 40);
      assert.ok(keyLines.length > 0);
      assert.deepEqual(leakedSecrets(run, [PASSWORD, ...keyLines]), []);
    });
  });

  describe('when a valid signature is copied onto another digest', () => {
    it('is rejected by cosign: the payload names the digest it was made for', async () => {
      const other = await pushSingleImage(registry, 'acme/app', 'other', 'other-image');
      const signature = await registryFetch(
        registry,
        `/v2/acme/app/manifests/${image.digest.replace(':', '-')}.sig`,
        {
          headers: { accept: OCI_MANIFEST },
        },
      );
      assert.equal(signature.status, 200);
      await pushManifest(
        registry,
        'acme/app',
        `${other.digest.replace(':', '-')}.sig`,
        (await signature.json()) as object,
      );
      for (const version of COSIGN_VERSIONS) {
        const result = await verifyWithKey(
          version,
          `${registry.host}/acme/app@${other.digest}`,
          keys.publicKeyPath,
        );
        assert.notEqual(result.code, 0, `${version} accepted a signature made for another digest`);
      }
    });
  });

  describe('when the signed payload is tampered with in the registry', () => {
    it('is rejected by cosign', async () => {
      const tampered = await pushSingleImage(registry, 'acme/tampered', 'v1');
      const tamperedRef = `${registry.host}/acme/tampered@${tampered.digest}`;
      const run = await sign({ images: tamperedRef });
      assert.equal(run.exitCode, 0, run.stdout);
      for (const version of COSIGN_VERSIONS) {
        assert.equal((await verifyWithKey(version, tamperedRef, keys.publicKeyPath)).code, 0);
      }

      // Same signature annotation, payload with one byte changed (an extra optional annotation).
      const tag = `${tampered.digest.replace(':', '-')}.sig`;
      const response = await registryFetch(registry, `/v2/acme/tampered/manifests/${tag}`, {
        headers: { accept: OCI_MANIFEST },
      });
      const manifest = (await response.json()) as {
        config: object;
        layers: { digest: string; annotations: object }[];
      };
      const layer = manifest.layers[0];
      assert.ok(layer);
      const payload = Buffer.from(
        await (await registryFetch(registry, `/v2/acme/tampered/blobs/${layer.digest}`)).arrayBuffer(),
      );
      const forged = Buffer.from(
        payload.toString('utf8').replace('"optional":null', '"optional":{"env":"prod"}'),
      );
      assert.notDeepEqual(forged, payload);
      const blob = await pushBlob(registry, 'acme/tampered', forged);
      await pushManifest(registry, 'acme/tampered', tag, {
        ...manifest,
        layers: [{ ...layer, digest: blob.digest, size: blob.size }],
      });

      for (const version of COSIGN_VERSIONS) {
        const result = await verifyWithKey(version, tamperedRef, keys.publicKeyPath);
        assert.notEqual(result.code, 0, `${version} accepted a tampered payload`);
      }
    });
  });
});
