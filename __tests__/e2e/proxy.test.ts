import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { generateKeyPair, verifyBundleWithKey, verifyWithKey, type KeyPair } from '../harness/cosign.ts';
import { startCountingRelay, type CountingRelay } from '../harness/counting-relay.ts';
import { pushSingleImage, type PushedManifest } from '../harness/fixtures.ts';
import { mintToken, startRunnerTokenEndpoint, type RunnerTokenEndpoint } from '../harness/oidc.ts';
import { startFakeGitHubApi } from '../harness/provenance.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { startSigstoreStandIn, type SigstoreStandIn } from '../harness/sigstore-stand-in.ts';
import { startTinyproxy, type TestProxy } from '../harness/tinyproxy.ts';

const PASSWORD = 'proxy-password';
const REGISTRY_USER = 'proxied-user';
const REGISTRY_PASSWORD = 'proxied-registry-password';

/** A relay in front of the registry, whose every connection must be one the proxy tunnelled. */
async function relayTo(registry: TestRegistry): Promise<CountingRelay> {
  const [hostname = '', port = ''] = registry.host.split(':');
  return startCountingRelay({ host: hostname, port: Number(port) });
}

function tunnelsTo(proxy: TestProxy, host: string): number {
  return proxy.requests().filter((line) => line === `CONNECT ${host}`).length;
}

/**
 * A self-hosted runner behind a proxy: the registry is reached through a relay that counts connections,
 * so each one can be matched with a CONNECT in tinyproxy's log. undici proxies loopback addresses like
 * any other (measured: 127.0.0.1, localhost and 127.0.0.2 alike), so the bench's 127.0.0.1 serves.
 */
describe('registry traffic through HTTPS_PROXY / HTTP_PROXY, and around it with NO_PROXY', () => {
  let registry: TestRegistry;
  let relay: CountingRelay;
  let proxy: TestProxy;
  let keys: KeyPair;
  let image: PushedManifest;

  const sign = (env: Record<string, string>) =>
    runAction({
      inputs: {
        images: `${relay.host}/acme/proxied@${image.digest}`,
        key: keys.privateKeyPem,
        'key-password': PASSWORD,
        'tlog-upload': 'false',
        'allow-http-registry': 'true',
        provenance: 'off',
      },
      env,
    });
  const tunnelsToRegistry = () => tunnelsTo(proxy, relay.host);

  before(async () => {
    [registry, proxy, keys] = await Promise.all([
      startRegistry(),
      startTinyproxy(),
      generateKeyPair(PASSWORD),
    ]);
    relay = await relayTo(registry);
    image = await pushSingleImage(registry, 'acme/proxied', 'v1');
  });
  after(async () => {
    await relay?.stop();
    await registry?.stop();
    await proxy?.stop();
  });

  it('signs with every registry connection tunnelled through the proxy', async () => {
    const run = await sign({ HTTPS_PROXY: proxy.url, http_proxy: proxy.url });
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.ok(relay.connections() > 0, 'the registry was never reached');
    assert.equal(tunnelsToRegistry(), relay.connections(), proxy.requests().join('\n'));
    const ref = `${registry.host}/acme/proxied@${image.digest}`;
    const legacy = await verifyWithKey('cosign3', ref, keys.publicKeyPath);
    assert.equal(legacy.code, 0, legacy.stderr);
    const bundle = await verifyBundleWithKey('cosign3', ref, keys.publicKeyPath);
    assert.equal(bundle.code, 0, bundle.stderr);
  });

  it('reaches a registry NO_PROXY names directly, none of it through the proxy', async () => {
    const tunnelsBefore = tunnelsToRegistry();
    const connectionsBefore = relay.connections();
    const [relayHostname = ''] = relay.host.split(':');
    const run = await sign({
      HTTPS_PROXY: proxy.url,
      HTTP_PROXY: proxy.url,
      NO_PROXY: `example.org,${relayHostname}`,
    });
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.ok(relay.connections() > connectionsBefore, 'the registry was never reached');
    assert.equal(tunnelsToRegistry(), tunnelsBefore, proxy.requests().join('\n'));
  });
});

describe('an HTTPS registry with a password, through the proxy', () => {
  let registry: TestRegistry;
  let relay: CountingRelay;
  let proxy: TestProxy;
  let keys: KeyPair;

  before(async () => {
    [registry, proxy, keys] = await Promise.all([
      startRegistry({ tlsAuth: { username: REGISTRY_USER, password: REGISTRY_PASSWORD } }),
      startTinyproxy(),
      generateKeyPair(PASSWORD),
    ]);
    relay = await relayTo(registry);
  });
  after(async () => {
    await relay?.stop();
    await registry?.stop();
    await proxy?.stop();
  });

  it('signs with the self-signed certificate accepted (allow-insecure-registry) and the credentials inside the tunnel', async () => {
    const image = await pushSingleImage(registry, 'acme/private', 'v1');
    const run = await runAction({
      inputs: {
        images: `${relay.host}/acme/private@${image.digest}`,
        registry: relay.host,
        'registry-username': REGISTRY_USER,
        'registry-password': REGISTRY_PASSWORD,
        'allow-insecure-registry': 'true',
        key: keys.privateKeyPem,
        'key-password': PASSWORD,
        'tlog-upload': 'false',
        provenance: 'off',
      },
      env: { HTTPS_PROXY: proxy.url, DOCKER_CONFIG: '/nonexistent' },
    });
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    assert.ok(relay.connections() > 0, 'the registry was never reached');
    assert.equal(tunnelsTo(proxy, relay.host), relay.connections(), proxy.requests().join('\n'));
    // The proxy was only ever asked to open tunnels: nothing it could read a password from.
    assert.deepEqual(
      proxy.requests().filter((line) => !line.startsWith('CONNECT ')),
      [],
    );
  });
});

/**
 * Keyless: Fulcio and Rekor (the @sigstore/mock stand-in) are reached by sigstore-js's make-fetch-happen,
 * which reads the proxy variables itself and forwards plain-http requests (absolute URI) rather than
 * tunnelling them. The runner's token endpoint is never proxied on loopback: @actions/http-client
 * exempts localhost and 127.* whatever NO_PROXY says.
 */
describe("keyless signing with Sigstore's services through the proxy", () => {
  let registry: TestRegistry;
  let relay: CountingRelay;
  let proxy: TestProxy;
  let sigstore: SigstoreStandIn;
  let runner: RunnerTokenEndpoint;

  before(async () => {
    [registry, proxy, sigstore] = await Promise.all([
      startRegistry(),
      startTinyproxy(),
      startSigstoreStandIn(),
    ]);
    runner = await startRunnerTokenEndpoint(() => mintToken());
    relay = await relayTo(registry);
  });
  after(async () => {
    await runner?.stop();
    await sigstore?.stop();
    await relay?.stop();
    await registry?.stop();
    await proxy?.stop();
  });

  it('asks Fulcio and Rekor through the proxy, and tunnels every registry connection', async () => {
    const image = await pushSingleImage(registry, 'acme/keyless', 'v1');
    const run = await runAction({
      inputs: {
        images: `${relay.host}/acme/keyless@${image.digest}`,
        'fulcio-url': sigstore.url,
        'rekor-url': sigstore.url,
        'trusted-root': sigstore.trustedRootPath,
        'allow-http-registry': 'true',
        provenance: 'off',
      },
      env: { ...runner.env, HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url },
    });
    assert.equal(run.exitCode, 0, run.stdout + run.stderr);
    const sigstoreRequests = proxy.requests().filter((line) => line.includes(` ${sigstore.url}/`));
    assert.ok(
      sigstoreRequests.some((line) => line.startsWith('POST ') && line.includes('/signingCert')),
      proxy.requests().join('\n'),
    );
    assert.ok(
      sigstoreRequests.some((line) => line.startsWith('POST ') && line.includes('/log/entries')),
      proxy.requests().join('\n'),
    );
    assert.equal(tunnelsTo(proxy, relay.host), relay.connections(), proxy.requests().join('\n'));
    assert.ok(
      runner.requests.some((line) => line.startsWith('GET /token')),
      'no token was asked for',
    );
  });

  it('asks the GitHub API for attestations through the proxy', async () => {
    const github = await startFakeGitHubApi();
    try {
      const image = await pushSingleImage(registry, 'acme/attested', 'v1');
      const run = await runAction({
        inputs: {
          images: `${relay.host}/acme/attested@${image.digest}`,
          'fulcio-url': sigstore.url,
          'rekor-url': sigstore.url,
          'trusted-root': sigstore.trustedRootPath,
          'allow-http-registry': 'true',
          'provenance-sources': 'github',
        },
        env: { ...runner.env, GITHUB_API_URL: github.url, HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url },
      });
      // No attestation was published, so the gate refuses: what counts here is how the API was asked.
      assert.ok(github.requests.length > 0, run.stdout);
      assert.ok(
        tunnelsTo(proxy, new URL(github.url).host) > 0,
        `${proxy.requests().join('\n')}\n${run.stdout}`,
      );
    } finally {
      await github.stop();
    }
  });
});
