import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../harness/action-runner.ts';
import { generateKeyPair, verifyBundleWithKey, verifyWithKey, type KeyPair } from '../harness/cosign.ts';
import { startCountingRelay, type CountingRelay } from '../harness/counting-relay.ts';
import { pushSingleImage, type PushedManifest } from '../harness/fixtures.ts';
import { startRegistry, type TestRegistry } from '../harness/registry.ts';
import { startTinyproxy, type TestProxy } from '../harness/tinyproxy.ts';

const PASSWORD = 'proxy-password';

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
  const tunnelsToRegistry = () => proxy.requests().filter((line) => line === `CONNECT ${relay.host}`).length;

  before(async () => {
    [registry, proxy, keys] = await Promise.all([
      startRegistry(),
      startTinyproxy(),
      generateKeyPair(PASSWORD),
    ]);
    const [hostname = '', port = ''] = registry.host.split(':');
    relay = await startCountingRelay({ host: hostname, port: Number(port) });
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
