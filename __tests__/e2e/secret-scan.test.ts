import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { generateKeyPair, type KeyPair } from '../harness/cosign.ts';
import { pushSingleImage } from '../harness/fixtures.ts';
import { mintToken, startRunnerTokenEndpoint, type RunnerTokenEndpoint } from '../harness/oidc.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { leakedSecrets, visibleText } from '../harness/secrets.ts';
import { startSigstoreStandIn, type SigstoreStandIn } from '../harness/sigstore-stand-in.ts';

/**
 * Every secret the action reads (key, key password, identity token, runner token, registry password,
 * GitHub token) is masked the moment it is read and appears in no log line, output or summary, in
 * success and in failure.
 */
describe('secret scan across scenarios', () => {
  let registry: TestRegistry;
  let sigstore: SigstoreStandIn;
  let runner: RunnerTokenEndpoint;
  let keys: KeyPair;
  let imageRef: string;
  const runnerToken = mintToken();
  const KEY_PASSWORD = 'scan-key-password-7731';
  const GITHUB_TOKEN = 'ghs_scanTokenThatMustNeverShow1234567890';
  const REGISTRY_PASSWORD = 'scan-registry-password-4410';

  before(async () => {
    [registry, sigstore, keys] = await Promise.all([
      startRegistry(),
      startSigstoreStandIn(),
      generateKeyPair(KEY_PASSWORD),
    ]);
    runner = await startRunnerTokenEndpoint(() => runnerToken);
    const image = await pushSingleImage(registry, 'acme/scan', 'v1');
    imageRef = `${registry.host}/acme/scan@${image.digest}`;
  });
  after(async () => {
    await runner?.stop();
    await sigstore?.stop();
    await registry?.stop();
  });

  const common = {
    'allow-http-registry': 'true',
    provenance: 'off',
    'github-token': GITHUB_TOKEN,
    'fulcio-url': '',
    'rekor-url': '',
  };
  const keyLines = (): string[] => keys.privateKeyPem.split('\n').filter((line) => line.length > 40);

  const scenarios: [string, () => Promise<{ run: ActionRun; secrets: string[]; hidden?: string[] }>][] = [
    [
      'key signing',
      async () => ({
        run: await runAction({
          inputs: {
            ...common,
            images: imageRef,
            key: keys.privateKeyPem,
            'key-password': KEY_PASSWORD,
            'tlog-upload': 'false',
          },
        }),
        secrets: [KEY_PASSWORD, GITHUB_TOKEN, ...keyLines()],
      }),
    ],
    [
      'a wrong key password',
      async () => ({
        run: await runAction({
          inputs: {
            ...common,
            images: imageRef,
            key: keys.privateKeyPem,
            'key-password': 'wrong-password-5512',
            'tlog-upload': 'false',
          },
        }),
        secrets: ['wrong-password-5512', ...keyLines()],
      }),
    ],
    [
      'keyless with the runner token',
      async () => ({
        run: await runAction({
          inputs: {
            ...common,
            images: imageRef,
            'fulcio-url': sigstore.url,
            'rekor-url': sigstore.url,
            'trusted-root': sigstore.trustedRootPath,
          },
          env: runner.env,
        }),
        secrets: [runnerToken, GITHUB_TOKEN],
        // The runner's own request token is the runner's to mask; it must still never show.
        hidden: [runner.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''],
      }),
    ],
    [
      'keyless with a given token and Fulcio down',
      async () => {
        const token = mintToken();
        return {
          run: await runAction({
            inputs: {
              ...common,
              images: imageRef,
              'identity-token': token,
              'fulcio-url': 'http://127.0.0.1:9',
              'rekor-url': sigstore.url,
            },
          }),
          secrets: [token],
        };
      },
    ],
    [
      'a registry password the registry refuses',
      async () => ({
        run: await runAction({
          inputs: {
            ...common,
            images: imageRef,
            key: keys.privateKeyPem,
            'key-password': KEY_PASSWORD,
            'tlog-upload': 'false',
            registry: registry.host,
            'registry-username': 'u',
            'registry-password': REGISTRY_PASSWORD,
          },
        }),
        secrets: [REGISTRY_PASSWORD, Buffer.from(`u:${REGISTRY_PASSWORD}`).toString('base64')],
      }),
    ],
  ];

  for (const [name, scenario] of scenarios) {
    it(`${name}: no secret is visible`, async () => {
      const { run, secrets, hidden = [] } = await scenario();
      assert.deepEqual(
        leakedSecrets(run, secrets.filter(Boolean)).map((s) => s.slice(0, 6) + '…'),
        [],
      );
      for (const secret of hidden.filter(Boolean)) assert.ok(!visibleText(run).includes(secret));
    });
  }
});
