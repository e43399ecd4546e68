import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { generateKeyPair, verifyBundleWithKey, verifyWithKey, type KeyPair } from '../harness/cosign.ts';
import { pushSingleImage } from '../harness/fixtures.ts';
import type { Front } from '../harness/front.ts';
import {
  challenge,
  startBlobCdn,
  startHostileFront,
  startRecordingListener,
  tlsOf,
  type RecordingListener,
} from '../harness/hostile-front.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { snapshotRegistry } from '../harness/registry-state.ts';
import { leakedSecrets } from '../harness/secrets.ts';

const USER = 'release-bot';
const PASSWORD = 'hostile-front-password-7c1d';
const KEY_PASSWORD = 'hostile-key';
/** Basic credentials as they travel: finding either form anywhere it does not belong is a leak. */
const BASIC = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');

interface SignatureOutput {
  readonly image: string;
  readonly digest: string;
  readonly status: string;
  readonly verified: boolean;
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * An HTTPS registry with basic auth behind fronts of our own that act as real registries do (redirects to a
 * CDN, storage fronts) or as hostile ones might (realms that collect credentials). The credentials belong to
 * the front's origin only: nothing else may ever see them.
 */
describe('credentials stay on the registry origin, against a hostile front', () => {
  let registry: TestRegistry;
  let keys: KeyPair;
  let counter = 0;
  const stops: (() => Promise<void>)[] = [];

  before(async () => {
    [registry, keys] = await Promise.all([
      startRegistry({ tlsAuth: { username: USER, password: PASSWORD } }),
      generateKeyPair(KEY_PASSWORD),
    ]);
  });
  after(async () => {
    for (const stop of stops) await stop();
    await registry?.stop();
  });

  const started = <T extends Front>(server: T): T => (stops.push(server.stop), server);

  const dockerConfig = (host: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-docker-config-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [host]: { auth: BASIC } } }));
    return dir;
  };

  /** Pushes `count` images to the registry; their references name `front` as the registry. */
  const pushImages = async (front: Front, count = 1): Promise<string[]> => {
    const refs: string[] = [];
    for (let i = 0; i < count; i++) {
      const repository = `acme/hostile${++counter}`;
      const image = await pushSingleImage(registry, repository, 'v1');
      refs.push(`${front.host}/${repository}@${image.digest}`);
    }
    return refs;
  };

  /** Signs `refs` one image at a time, with the registry's credentials given for `front`. */
  const sign = async (
    front: Front,
    refs: string[],
  ): Promise<{ run: ActionRun; outputs: SignatureOutput[] }> => {
    const run = await runAction({
      inputs: {
        images: refs.join('\n'),
        key: keys.privateKeyPem,
        'key-password': KEY_PASSWORD,
        'tlog-upload': 'false',
        provenance: 'off',
        concurrency: '1',
        registry: front.host,
        'registry-username': USER,
        'registry-password': PASSWORD,
      },
      env: {
        NODE_EXTRA_CA_CERTS: registry.caFile ?? '',
        DOCKER_CONFIG: mkdtempSync(join(tmpdir(), 'rs-dc-')),
      },
    });
    return { run, outputs: JSON.parse(run.outputs.signatures ?? '[]') as SignatureOutput[] };
  };

  const cosignVerifies = async (front: Front, ref: string): Promise<void> => {
    const env = { SSL_CERT_FILE: registry.caFile ?? '', DOCKER_CONFIG: dockerConfig(front.host) };
    const legacy = await verifyWithKey('cosign3', ref, keys.publicKeyPath, env);
    assert.equal(legacy.code, 0, legacy.stderr);
    const bundle = await verifyBundleWithKey('cosign3', ref, keys.publicKeyPath, env);
    assert.equal(bundle.code, 0, bundle.stderr);
  };

  const carriedCredentials = (listener: RecordingListener): string[] =>
    listener.seen
      .filter((seen) => seen.authorization !== undefined)
      .map((seen) => `${seen.method} ${seen.url}`);

  describe('when blob reads are redirected (307) to a CDN on another origin, as GHCR and Docker Hub do', () => {
    it('follows the redirect without Authorization, reads every signature back, and cosign verifies', async () => {
      const tls = tlsOf(registry);
      const cdn = started(await startBlobCdn(registry, tls));
      const front = started(await startHostileFront(registry, { kind: 'redirect-blob-reads', cdn: cdn.url }));
      const refs = await pushImages(front);
      const { run, outputs } = await sign(front, refs);
      assert.equal(run.exitCode, 0, run.stdout);
      assert.equal(outputs[0]?.verified, true, run.stdout);
      assert.ok(
        cdn.seen.some((seen) => seen.method === 'GET'),
        'the read-back never reached the CDN',
      );
      assert.deepEqual(carriedCredentials(cdn), []);
      assert.deepEqual(leakedSecrets(run, [PASSWORD]), []);
      await cosignVerifies(front, refs[0] ?? '');
    });
  });

  const refusedRealms = [
    { when: 'the challenge names an http:// realm for an https registry', tls: false, reason: /plain HTTP/ },
    {
      when: 'the challenge names a realm on a loopback address on another port',
      tls: true,
      reason: /loopback/,
    },
  ];
  for (const { when, tls, reason } of refusedRealms) {
    describe(`when ${when}`, () => {
      it('refuses the realm by name, sends it no credentials and writes nothing', async () => {
        const realm = started(
          await startRecordingListener(
            challenge('https://127.0.0.1:1/never'),
            tls ? tlsOf(registry) : undefined,
          ),
        );
        const realmUrl = `${realm.url}/token`;
        const front = started(await startHostileFront(registry, { kind: 'challenge', realm: realmUrl }));
        const refs = await pushImages(front);
        const snapshot = snapshotRegistry(registry);
        const { run, outputs } = await sign(front, refs);
        assert.equal(run.exitCode, 1);
        assert.equal(outputs[0]?.error?.code, 'REGISTRY_AUTH', run.stdout);
        assert.ok(outputs[0]?.error?.message.includes(realmUrl), outputs[0]?.error?.message);
        assert.match(outputs[0]?.error?.message ?? '', reason);
        assert.match(run.stdout, new RegExp(`::error::.*${front.host}.*${realmUrl.replace(/[.]/g, '\\.')}`));
        assert.doesNotMatch(run.stdout, /^\s+at /m, 'a stack trace reached the log');
        assert.deepEqual(realm.seen, []);
        assert.deepEqual(leakedSecrets(run, [PASSWORD]), []);
        assert.deepEqual(snapshotRegistry(registry), snapshot);
      });
    });
  }

  describe('when an upload session Location points to another origin that answers 401', () => {
    it('sends that origin no Authorization, fails that upload clearly, and the next image still signs', async () => {
      const foreign = started(
        await startRecordingListener(
          (req, res) => challenge(`${foreign.url}/token`)(req, res),
          tlsOf(registry),
        ),
      );
      const front = started(
        await startHostileFront(registry, { kind: 'foreign-upload-location', origin: foreign.url }),
      );
      const { run, outputs } = await sign(front, await pushImages(front, 2));
      assert.equal(run.exitCode, 1);
      assert.ok(foreign.seen.length > 0, 'the upload never reached the foreign origin');
      assert.deepEqual(carriedCredentials(foreign), []);
      const failed = outputs.filter((output) => output.status === 'failed');
      const signed = outputs.filter((output) => output.status === 'signed');
      assert.equal(failed.length, 1, run.stdout);
      assert.equal(failed[0]?.error?.code, 'REGISTRY_AUTH');
      assert.ok(failed[0]?.error?.message.includes(foreign.host), failed[0]?.error?.message);
      // The foreign 401 did not replace the registry's challenge: the other image signed with basic auth.
      assert.equal(signed.length, 1, run.stdout);
      assert.deepEqual(leakedSecrets(run, [PASSWORD]), []);
      await cosignVerifies(front, `${signed[0]?.image ?? ''}@${signed[0]?.digest ?? ''}`);
    });
  });
});
