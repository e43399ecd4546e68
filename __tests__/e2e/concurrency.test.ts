import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { pushSingleImage, type PushedManifest } from '../harness/fixtures.ts';
import { referrerDigests, sigLayerCount } from '../harness/inspect.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';

const SIGNERS = 16;

describe(`${SIGNERS} signers on the same digest at once, on a registry without If-Match or referrers API`, () => {
  let registry: TestRegistry;
  let image: PushedManifest;
  before(async () => {
    registry = await startRegistry();
    image = await pushSingleImage(registry, 'acme/shared', 'v1', 'concurrency');
  });
  after(() => registry?.stop());

  for (const round of [1, 2]) {
    it(`keeps every signature (round ${round}): ${SIGNERS} .sig layers and ${SIGNERS} referrers added`, async () => {
      const layersBefore = await sigLayerCount(registry, 'acme/shared', image.digest);
      const referrersBefore = (await referrerDigests(registry, 'acme/shared', image.digest)).length;
      const runs = await Promise.all(
        Array.from({ length: SIGNERS }, () =>
          runAction({
            inputs: {
              images: `${registry.host}/acme/shared@${image.digest}`,
              key: 'env://SIGNING_KEY',
              'tlog-upload': 'false',
              'allow-http-registry': 'true',
              provenance: 'off',
            },
            env: {
              SIGNING_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' })
                .privateKey.export({ type: 'pkcs8', format: 'pem' })
                .toString(),
            },
          }),
        ),
      );
      for (const run of runs)
        assert.equal(
          run.exitCode,
          0,
          run.stdout
            .split('\n')
            .filter((l) => l.startsWith('::error'))
            .join('\n'),
        );
      assert.equal(await sigLayerCount(registry, 'acme/shared', image.digest), layersBefore + SIGNERS);
      assert.equal(
        (await referrerDigests(registry, 'acme/shared', image.digest)).length,
        referrersBefore + SIGNERS,
      );
    });
  }
});
