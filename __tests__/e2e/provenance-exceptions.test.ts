import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { generateKeyPair, verifyWithKey, type KeyPair } from '../harness/cosign.ts';
import { pushSingleImage, type PushedManifest } from '../harness/fixtures.ts';
import { craneTags } from '../harness/inspect.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';

const KEY_PASSWORD = 'exceptions';
const SKIP_REASON = 'built before provenance existed, tracked in #123';

interface Entry {
  image: string;
  status: string;
  error?: { code: string };
  provenance?: { verdict: string; exceptions: string[] };
}

/**
 * `skip` is taken as README documents it: the gate is not asked for that image, which is signed and reported
 * with the exception. The safer reading is enforced around it: the exception names one image, and every
 * other image (a sibling under the same owner included) still needs provenance.
 */
describe('a provenance exception that skips one image', () => {
  let registry: TestRegistry;
  let keys: KeyPair;
  let legacy: PushedManifest;
  let sibling: PushedManifest;
  let run: ActionRun;
  const entryFor = (repository: string): Entry | undefined =>
    (JSON.parse(run.outputs.signatures ?? '[]') as Entry[]).find((entry) =>
      entry.image.endsWith(`/${repository}`),
    );

  before(async () => {
    [registry, keys] = await Promise.all([startRegistry(), generateKeyPair(KEY_PASSWORD)]);
    legacy = await pushSingleImage(registry, 'acme/legacy-tool', 'v1', 'legacy');
    sibling = await pushSingleImage(registry, 'acme/app', 'v1', 'sibling');
    // Neither image has provenance: only the exception can let one through.
    run = await runAction({
      inputs: {
        images: [
          `${registry.host}/acme/legacy-tool@${legacy.digest}`,
          `${registry.host}/acme/app@${sibling.digest}`,
        ].join('\n'),
        key: keys.privateKeyPem,
        'key-password': KEY_PASSWORD,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'required',
        'provenance-sources': 'cosign,referrers',
        'provenance-policy': `images:\n  acme/legacy-tool: { skip: "${SKIP_REASON}" }\n`,
      },
    });
  });
  after(() => registry?.stop());

  it('signs the image it names, reporting the exception used', async () => {
    const entry = entryFor('acme/legacy-tool');
    assert.equal(entry?.status, 'signed', JSON.stringify(entry));
    assert.equal(entry.provenance?.verdict, 'skipped');
    assert.deepEqual(entry.provenance.exceptions, [`images["acme/legacy-tool"].skip: ${SKIP_REASON}`]);
    const verified = await verifyWithKey(
      'cosign3',
      `${registry.host}/acme/legacy-tool@${legacy.digest}`,
      keys.publicKeyPath,
    );
    assert.equal(verified.code, 0, verified.stderr);
  });

  it('refuses its sibling under the same owner, writes nothing for it, and fails the step', async () => {
    const entry = entryFor('acme/app');
    assert.equal(entry?.status, 'failed', JSON.stringify(entry));
    assert.equal(entry.error?.code, 'PROVENANCE_MISSING');
    assert.deepEqual(entry.provenance?.exceptions, []);
    assert.deepEqual(await craneTags(registry, 'acme/app'), ['v1']);
    assert.equal(run.exitCode, 1);
  });
});
