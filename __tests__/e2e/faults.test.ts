import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { generateKeyPair, verifyWithKey, type KeyPair } from '../harness/cosign.ts';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy.ts';
import { pushSingleImage, type PushedManifest } from '../harness/fixtures.ts';
import { referrerDigests, sigLayerCount } from '../harness/inspect.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';

const PASSWORD = 'faults';
const IMAGES = 50;

describe('a release through a registry that fails 20 % of requests', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let keys: KeyPair;
  const images: PushedManifest[] = [];

  before(async () => {
    [registry, keys] = await Promise.all([startRegistry(), generateKeyPair(PASSWORD)]);
    for (let i = 0; i < IMAGES; i++)
      images.push(await pushSingleImage(registry, `acme/app${i}`, 'v1', `faults-${i}`));
    proxy = await startFaultProxy(registry.url, {
      faultRate: 0.2,
      seed: Number(process.env.FAULT_SEED ?? 20261126),
    });
  });
  after(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  it('signs every image exactly once, in both formats', async () => {
    const run = await runAction({
      inputs: {
        images: images.map((image, i) => `${proxy.host}/acme/app${i}@${image.digest}`).join('\n'),
        key: keys.privateKeyPem,
        'key-password': PASSWORD,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'off',
        'retry-budget-seconds': '600',
      },
    });
    const faults = [...proxy.faults.entries()].map(([kind, n]) => `${kind} ${n}`).join(', ');
    assert.equal(
      run.exitCode,
      0,
      `faults: ${faults}\n${run.stdout
        .split('\n')
        .filter((l) => l.startsWith('::error'))
        .join('\n')}`,
    );
    assert.ok([...proxy.faults.values()].reduce((a, b) => a + b, 0) > 50, `few faults injected: ${faults}`);
    assert.equal(run.outputs.signed, String(IMAGES));
    for (const [i, image] of images.entries()) {
      assert.equal(await sigLayerCount(registry, `acme/app${i}`, image.digest), 1, `app${i} .sig layers`);
      assert.equal(
        (await referrerDigests(registry, `acme/app${i}`, image.digest)).length,
        1,
        `app${i} referrers`,
      );
    }
    const sample = await verifyWithKey(
      'cosign3',
      `${registry.host}/acme/app7@${images[7]?.digest}`,
      keys.publicKeyPath,
    );
    assert.equal(sample.code, 0, sample.stderr);
    assert.match(run.stdout, /retry 1 in/);
  });
});
