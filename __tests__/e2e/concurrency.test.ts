import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { pushSingleImage, type PushedManifest } from '../harness/fixtures.ts';
import { referrerDigests, sigLayerCount } from '../harness/inspect.ts';
import { startReferrersRegistry, startRegistry, type TestRegistry } from '../harness/registry.ts';

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

const SAME_KEY_RUNS = 4;

for (const kind of ['distribution', 'referrers-api'] as const) {
  describe(`${SAME_KEY_RUNS} runs with one key on the same digest at once (${kind})`, () => {
    let registry: TestRegistry;
    let image: PushedManifest;
    let seeded: string | undefined;
    before(async () => {
      registry = kind === 'distribution' ? await startRegistry() : await startReferrersRegistry();
      image = await pushSingleImage(registry, 'acme/same-key', 'v1', `same-key-${kind}`);
      // Another signer's referrer, there before: it must survive the clean-up of duplicates.
      const other = generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      const first = await runAction({ inputs: sameKeyInputs(registry, image), env: { SIGNING_KEY: other } });
      assert.equal(first.exitCode, 0, first.stdout);
      [seeded] = await referrerDigests(registry, 'acme/same-key', image.digest);
    });
    after(() => registry?.stop());

    it('leaves exactly one bundle and one .sig layer of that key, and every other signature', async () => {
      const key = generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      const runs = await Promise.all(
        Array.from({ length: SAME_KEY_RUNS }, () =>
          runAction({ inputs: sameKeyInputs(registry, image), env: { SIGNING_KEY: key } }),
        ),
      );
      for (const run of runs) {
        assert.equal(run.exitCode, 0, run.stdout);
        const [output] = JSON.parse(run.outputs.signatures ?? '[]') as { verified: boolean }[];
        assert.equal(output?.verified, true, run.stdout);
      }
      assert.equal(await sigLayerCount(registry, 'acme/same-key', image.digest), 2);
      const referrers = await referrerDigests(registry, 'acme/same-key', image.digest);
      assert.equal(referrers.length, 2, referrers.join(' '));
      assert.ok(seeded && referrers.includes(seeded), 'the other signer’s bundle was dropped');
    });
  });
}

function sameKeyInputs(registry: TestRegistry, image: PushedManifest): Record<string, string> {
  return {
    images: `${registry.host}/acme/same-key@${image.digest}`,
    key: 'env://SIGNING_KEY',
    'tlog-upload': 'false',
    'signature-format': 'both',
    'allow-http-registry': 'true',
    provenance: 'off',
  };
}
