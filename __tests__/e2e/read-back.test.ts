import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { generateKeyPair, type KeyPair } from '../harness/cosign.ts';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy.ts';
import { pushSingleImage } from '../harness/fixtures.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';

const PASSWORD = 'read-back';

describe('read-back verification', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let keys: KeyPair;

  before(async () => {
    [registry, keys] = await Promise.all([startRegistry(), generateKeyPair(PASSWORD)]);
    proxy = await startFaultProxy(registry.url, { corruptBlobReads: true });
  });
  after(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  for (const format of ['legacy', 'bundle']) {
    describe(`when a proxy corrupts the stored ${format} signature as it is read back`, () => {
      it('reports that image as failed with READBACK_MISMATCH, and not verified', async () => {
        const image = await pushSingleImage(registry, `acme/${format}`, 'v1');
        const run = await runAction({
          inputs: {
            images: `${proxy.host}/acme/${format}@${image.digest}`,
            key: keys.privateKeyPem,
            'key-password': PASSWORD,
            'tlog-upload': 'false',
            'allow-http-registry': 'true',
            provenance: 'off',
            'signature-format': format,
          },
        });
        assert.equal(run.exitCode, 1);
        const [output] = JSON.parse(run.outputs.signatures ?? '[]') as {
          status: string;
          verified: boolean;
          error?: { code: string };
        }[];
        assert.equal(output?.status, 'failed');
        assert.equal(output?.verified, false);
        assert.equal(output?.error?.code, 'READBACK_MISMATCH');
        assert.ok(proxy.requests.some((request) => request.startsWith('GET') && request.includes('/blobs/')));
      });
    });
  }

  describe('when nothing interferes', () => {
    it('reports every signature as verified', async () => {
      const image = await pushSingleImage(registry, 'acme/clean', 'v1');
      const run = await runAction({
        inputs: {
          images: `${registry.host}/acme/clean@${image.digest}`,
          key: keys.privateKeyPem,
          'key-password': PASSWORD,
          'tlog-upload': 'false',
          'allow-http-registry': 'true',
          provenance: 'off',
        },
      });
      assert.equal(run.exitCode, 0, run.stdout);
      const [output] = JSON.parse(run.outputs.signatures ?? '[]') as {
        verified: boolean;
        formats: string[];
      }[];
      assert.equal(output?.verified, true);
      assert.deepEqual(output?.formats, ['bundle', 'legacy']);
    });
  });
});
