import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction, type ActionRun } from '../harness/action-runner.ts';
import { generateKeyPair, type KeyPair } from '../harness/cosign.ts';
import { pushSingleImage } from '../harness/fixtures.ts';
import { startFakeGitHubApi, type FakeGitHubApi } from '../harness/provenance.ts';
import { startRecordingProxy, type RecordingProxy } from '../harness/recording-proxy.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { snapshotRegistry } from '../harness/registry-state.ts';
import { leakedSecrets } from '../harness/secrets.ts';

const USER = 'release-bot';
const PASSWORD = 'dry-run-registry-password-5120';
const GITHUB_TOKEN = 'ghs_dryRunTokenThatMustNeverBeSent0123456';
const KEY_PASSWORD = 'dry-run-key-password';
/** Wrong on purpose: a dry run signs with a throwaway key and never decrypts the given one. */
const WRONG_KEY_PASSWORD = 'not-the-key-password';
const FORK_PULL_REQUEST = {
  number: 43,
  pull_request: {
    head: { repo: { full_name: 'someone/app', fork: true } },
    base: { repo: { full_name: 'acme/app' } },
  },
};

/**
 * A dry run sends no secret: registries are read anonymously (no inputs, docker config or credential
 * helper consulted), the GitHub API is called without a token, and the key is never decrypted. Only
 * 'dry-run-credentials: true' on an event that cannot carry a fork's content lets credentials through.
 */
describe('dry run: no credentials', () => {
  let privateRegistry: TestRegistry;
  let openRegistry: TestRegistry;
  let proxy: RecordingProxy;
  let github: FakeGitHubApi;
  let keys: KeyPair;
  let privateImage: string;
  let openImage: string;
  /** A docker credential helper that leaves a mark when it is asked. */
  let dockerConfig: string;
  let helperMark: string;

  before(async () => {
    [privateRegistry, openRegistry, github, keys] = await Promise.all([
      startRegistry({ tlsAuth: { username: USER, password: PASSWORD } }),
      startRegistry(),
      startFakeGitHubApi(),
      generateKeyPair(KEY_PASSWORD),
    ]);
    proxy = await startRecordingProxy(privateRegistry);
    const [secret, open] = await Promise.all([
      pushSingleImage(privateRegistry, 'acme/private', 'v1'),
      pushSingleImage(openRegistry, 'acme/open', 'v1'),
    ]);
    privateImage = `${proxy.host}/acme/private@${secret.digest}`;
    openImage = `${openRegistry.host}/acme/open@${open.digest}`;

    dockerConfig = mkdtempSync(join(tmpdir(), 'rs-dry-docker-'));
    helperMark = join(dockerConfig, 'helper-was-asked');
    const helper = join(dockerConfig, 'docker-credential-rsmark');
    writeFileSync(
      helper,
      `#!/bin/sh\ntouch '${helperMark}'\nprintf '{"ServerURL":"x","Username":"${USER}","Secret":"${PASSWORD}"}'\n`,
    );
    chmodSync(helper, 0o755);
    writeFileSync(
      join(dockerConfig, 'config.json'),
      JSON.stringify({
        credsStore: 'rsmark',
        auths: { [proxy.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } },
      }),
    );
  });
  after(async () => {
    await proxy?.stop();
    await github?.stop();
    await Promise.all([privateRegistry?.stop(), openRegistry?.stop()]);
  });

  const run = (eventName: string, event: object, inputs: Record<string, string>): Promise<ActionRun> =>
    runAction({
      inputs: {
        images: `${openImage}\n${privateImage}`,
        key: keys.privateKeyPem,
        'key-password': WRONG_KEY_PASSWORD,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'if-present',
        'provenance-sources': 'github',
        'github-token': GITHUB_TOKEN,
        registry: proxy.host,
        'registry-username': USER,
        'registry-password': PASSWORD,
        ...inputs,
      },
      eventName,
      event,
      env: {
        GITHUB_API_URL: github.url,
        DOCKER_CONFIG: dockerConfig,
        PATH: `${dockerConfig}:${process.env.PATH}`,
      },
    });

  /** Runs, and returns only what the proxy and the GitHub API saw during this run. */
  const observe = async (
    eventName: string,
    event: object,
    inputs: Record<string, string>,
  ): Promise<{ result: ActionRun; registryAuth: string[]; githubAuth: (string | undefined)[] }> => {
    const [proxySeen, githubSeen] = [proxy.requests.length, github.authorizations.length];
    const snapshots = [snapshotRegistry(privateRegistry), snapshotRegistry(openRegistry)];
    const result = await run(eventName, event, inputs);
    assert.deepEqual([snapshotRegistry(privateRegistry), snapshotRegistry(openRegistry)], snapshots);
    assert.deepEqual(leakedSecrets(result, [PASSWORD, GITHUB_TOKEN, WRONG_KEY_PASSWORD]), []);
    assert.ok(proxy.requests.length > proxySeen, 'the private registry was asked');
    assert.ok(github.authorizations.length > githubSeen, 'the GitHub API was asked');
    return {
      result,
      registryAuth: proxy.requests
        .slice(proxySeen)
        .flatMap((r) => (r.authorization ? [r.authorization] : [])),
      githubAuth: github.authorizations.slice(githubSeen),
    };
  };

  const expectNoCredentialSent = (seen: Awaited<ReturnType<typeof observe>>): void => {
    const { result, registryAuth, githubAuth } = seen;
    assert.deepEqual(registryAuth, [], 'no request to the registry carried credentials');
    assert.deepEqual(
      githubAuth.filter((header) => header !== undefined),
      [],
      'no request to the GitHub API carried a token',
    );
    assert.ok(!existsSync(helperMark), 'the docker credential helper was never asked');
    assert.equal(result.outputs['dry-run'], 'true');
    // The open registry's image is checked in full; the private one is reported as not checked, and
    // counts as failed, as it would in a release without credentials.
    assert.equal(result.outputs.planned, '1', result.stdout);
    assert.equal(result.outputs.failed, '1', result.stdout);
    assert.equal(result.exitCode, 1);
    assert.match(
      result.stdout,
      /::error::.*refused access.*This dry run \(.*fork.*\) sends no credentials, so this image's manifest, provenance and existing signatures could not be checked/,
    );
  };

  describe('on a pull_request_target from a fork', () => {
    it('sends no credential to the registry or the GitHub API, and decrypts no key', async () => {
      expectNoCredentialSent(await observe('pull_request_target', FORK_PULL_REQUEST, {}));
    });

    it("ignores 'dry-run-credentials: true', and says so", async () => {
      const seen = await observe('pull_request_target', FORK_PULL_REQUEST, { 'dry-run-credentials': 'true' });
      expectNoCredentialSent(seen);
      assert.match(
        seen.result.stdout,
        /::notice::Input 'dry-run-credentials: true' is ignored: this is .*fork/,
      );
    });
  });

  describe("on a push with 'dry-run: true' and 'dry-run-credentials: true'", () => {
    it('reads the registry with its credentials and calls the GitHub API with the token, writing nothing', async () => {
      const { result, registryAuth, githubAuth } = await observe(
        'push',
        {},
        {
          'dry-run': 'true',
          'dry-run-credentials': 'true',
        },
      );
      assert.equal(result.exitCode, 0, result.stdout);
      assert.equal(result.outputs['dry-run'], 'true');
      assert.equal(result.outputs.planned, '2');
      assert.ok(registryAuth.length > 0);
      assert.ok(
        registryAuth.every(
          (header) => header === `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
        ),
      );
      assert.ok(githubAuth.length > 0 && githubAuth.every((header) => header === `Bearer ${GITHUB_TOKEN}`));
    });
  });
});
