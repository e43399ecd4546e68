import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { COSIGN_VERSIONS, verifyBundleWithKey, verifyWithKey } from '../harness/cosign.ts';
import { pushSingleImage } from '../harness/fixtures.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';

/** Plain PKCS#8 keys of every type cosign verifies, as they arrive from a secret (no password). */
const KEY_TYPES = {
  'ECDSA P-256': () => generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  'ECDSA P-384': () => generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  'RSA 3072': () => generateKeyPairSync('rsa', { modulusLength: 3072 }),
  Ed25519: () => generateKeyPairSync('ed25519'),
};
const FORMATS = ['legacy', 'bundle'] as const;

describe('plain PKCS#8 keys', () => {
  let registry: TestRegistry;
  before(async () => {
    registry = await startRegistry();
  });
  after(() => registry?.stop());

  for (const [name, generate] of Object.entries(KEY_TYPES)) {
    describe(`with an ${name} key read from env://`, () => {
      const imageRefs = new Map<string, string>();
      let publicKeyPath: string;

      before(async () => {
        const { privateKey, publicKey } = generate();
        const dir = mkdtempSync(join(tmpdir(), 'rs-pkcs8-'));
        publicKeyPath = join(dir, 'key.pub');
        const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
        writeFileSync(publicKeyPath, publicPem);
        for (const format of FORMATS) {
          const repository = `acme/${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${format}`;
          const image = await pushSingleImage(registry, repository, 'v1');
          const imageRef = `${registry.host}/${repository}@${image.digest}`;
          imageRefs.set(format, imageRef);
          const run = await runAction({
            inputs: {
              images: imageRef,
              key: 'env://SIGNING_KEY',
              'tlog-upload': 'false',
              'allow-http-registry': 'true',
              provenance: 'off',
              'signature-format': format,
            },
            env: { SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
          });
          assert.equal(run.exitCode, 0, run.stdout);
          assert.equal(run.outputs['public-key']?.trim(), publicPem.trim());
          assert.equal(
            (JSON.parse(run.outputs.signatures ?? '[]') as { verified: boolean }[])[0]?.verified,
            true,
          );
        }
      });

      for (const version of COSIGN_VERSIONS) {
        for (const format of FORMATS) {
          it(`${version} verifies the ${format} signature`, async () => {
            const verify = format === 'legacy' ? verifyWithKey : verifyBundleWithKey;
            const result = await verify(version, imageRefs.get(format) ?? '', publicKeyPath);
            assert.equal(result.code, 0, result.stderr);
          });
        }
      }
    });
  }
});
