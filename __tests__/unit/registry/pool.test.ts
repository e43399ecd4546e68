import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RegistryConfig } from '../../../src/config.ts';
import { SignerError } from '../../../src/errors.ts';
import type { RegistryAccess } from '../../../src/registry/access.ts';
import type { HttpRequest } from '../../../src/registry/http.ts';
import { RegistryPool, type RegistryEnvironment } from '../../../src/registry/pool.ts';
import { sha256Digest } from '../../../src/util/digest.ts';
import { answer, fakeNetwork } from './fake-http.ts';

const BLOB = Buffer.from('{}');
const BLOB_DIGEST = sha256Digest(BLOB);

function registryConfig(overrides: Partial<RegistryConfig> = {}): RegistryConfig {
  return {
    allowHttp: false,
    allowInsecure: false,
    retryBudgetSeconds: 0,
    credentials: [],
    githubActor: '',
    ...overrides,
  };
}

/** Hosts that serve BLOB to anyone over HTTPS; `down` hosts refuse connections. */
function hosts(down: string[] = []) {
  const timeouts: number[] = [];
  const network = fakeNetwork((url, _method, _authorization, init: HttpRequest) => {
    timeouts.push(init.timeoutMs);
    if (down.includes(url.host)) throw new Error(`connect ECONNREFUSED ${url.host}`);
    return answer(200, url.pathname === '/v2/' ? '{}' : BLOB);
  });
  return { ...network, timeouts };
}

function environment(overrides: Partial<RegistryEnvironment>): RegistryEnvironment {
  return {
    maskSecret: () => undefined,
    credentials: { lookup: async () => undefined, missingHint: 'give credentials' },
    log: () => undefined,
    ...overrides,
  };
}

describe('RegistryPool', () => {
  it('hands out one client per registry host for the run', async () => {
    const pool = new RegistryPool(registryConfig(), environment({ http: hosts().http }));
    assert.equal(pool.client('a.example'), pool.client('a.example'));
    assert.notEqual(pool.client('a.example'), pool.client('b.example'));
    assert.equal(pool.client('b.example').registry, 'b.example');
  });

  it("wraps each host's client once (a dry run's recording registry)", async () => {
    const wrapped: string[] = [];
    const pool = new RegistryPool(
      registryConfig(),
      environment({
        http: hosts().http,
        wrap: (client: RegistryAccess) => {
          wrapped.push(client.registry);
          return { ...client, registry: `recorded ${client.registry}` } as RegistryAccess;
        },
      }),
    );
    assert.equal(pool.client('a.example').registry, 'recorded a.example');
    pool.client('a.example');
    assert.deepEqual(wrapped, ['a.example']);
  });

  it('warms each distinct registry once, and its clients reuse what the warm-up found', async () => {
    const network = hosts();
    const pool = new RegistryPool(registryConfig(), environment({ http: network.http }));
    await pool.warm(['a.example', 'b.example', 'a.example']);
    await pool.client('a.example').getBlob('acme/app', BLOB_DIGEST, 10);
    assert.deepEqual(
      network.sent.map((sent) => sent.url),
      [
        'https://a.example/v2/',
        'https://b.example/v2/',
        `https://a.example/v2/acme/app/blobs/${BLOB_DIGEST}`,
      ],
    );
  });

  it('never fails a warm-up: an unreachable registry fails its first real request instead', async () => {
    const pool = new RegistryPool(registryConfig(), environment({ http: hosts(['down.example']).http }));
    await pool.warm(['down.example', 'a.example']);
    await assert.rejects(pool.client('down.example').getBlob('acme/app', BLOB_DIGEST, 10), {
      code: 'REGISTRY_UNAVAILABLE',
    });
  });

  it('gives each request a minute before its connection counts as lost', async () => {
    const network = hosts();
    await new RegistryPool(registryConfig(), environment({ http: network.http }))
      .client('a.example')
      .getBlob('acme/app', BLOB_DIGEST, 10);
    assert.deepEqual(new Set(network.timeouts), new Set([60_000]));
  });

  it('reaches a plain-HTTP registry only with allow-http-registry', async () => {
    const httpOnly = fakeNetwork((url) => {
      if (url.protocol === 'https:') throw new Error('wrong version number');
      return answer(200, url.pathname === '/v2/' ? '{}' : BLOB);
    });
    await assert.rejects(
      new RegistryPool(registryConfig(), environment({ http: httpOnly.http }))
        .client('plain.example')
        .getBlob('acme/app', BLOB_DIGEST, 10),
      { code: 'REGISTRY_UNAVAILABLE' },
    );
    const allowed = new RegistryPool(
      registryConfig({ allowHttp: true }),
      environment({ http: httpOnly.http }),
    );
    assert.deepEqual(await allowed.client('plain.example').getBlob('acme/app', BLOB_DIGEST, 10), BLOB);
  });

  it("asks the run's credentials for the registry that challenges, and masks what it gets", async () => {
    const masked: string[] = [];
    const looked: string[] = [];
    const network = fakeNetwork((url, _method, authorization) => {
      if (!authorization) return answer(401, '', { 'www-authenticate': 'Basic realm="r"' });
      return answer(200, url.pathname === '/v2/' ? '{}' : BLOB);
    });
    const pool = new RegistryPool(
      registryConfig(),
      environment({
        http: network.http,
        maskSecret: (value) => masked.push(value),
        credentials: {
          lookup: async (registry) => {
            looked.push(registry);
            return { username: 'bot', password: 'pool-secret' };
          },
          missingHint: '',
        },
      }),
    );
    await pool.client('a.example').getBlob('acme/app', BLOB_DIGEST, 10);
    assert.deepEqual(looked, ['a.example']);
    assert.ok(masked.includes('pool-secret'));
  });

  it("names the credentials' hint when a registry refuses a request that carried none", async () => {
    const network = fakeNetwork((url) =>
      url.pathname === '/v2/' ? answer(200, '{}') : answer(401, '{"errors":[]}'),
    );
    const pool = new RegistryPool(registryConfig(), environment({ http: network.http }));
    await assert.rejects(pool.client('a.example').getBlob('acme/app', BLOB_DIGEST, 10), (err: unknown) => {
      assert.ok(err instanceof SignerError && err.code === 'REGISTRY_AUTH', String(err));
      assert.ok(err.message.endsWith('give credentials'), err.message);
      return true;
    });
  });

  describe("retries, paid from one budget of 'retry-budget-seconds'", () => {
    /** A registry whose blob reads fail with 503 `failures` times before they succeed. */
    function flaky(failures: number) {
      let left = failures;
      return fakeNetwork((url) => {
        if (url.pathname === '/v2/') return answer(200, '{}');
        if (left-- > 0) return answer(503, '{"errors":[{"code":"UNAVAILABLE"}]}');
        return answer(200, BLOB);
      });
    }

    it('retries within the budget and tells the log once per retry', async () => {
      const logged: string[] = [];
      const network = flaky(1);
      const pool = new RegistryPool(
        registryConfig({ retryBudgetSeconds: 30 }),
        environment({ http: network.http, log: (message) => logged.push(message) }),
      );
      assert.deepEqual(await pool.client('a.example').getBlob('acme/app', BLOB_DIGEST, 10), BLOB);
      assert.equal(logged.length, 1);
      assert.match(
        logged[0] ?? '',
        /^a\.example: GET blob acme\/app@sha256:[0-9a-f]{64}: HTTP 503; retry 1 in /,
      );
    });

    it('does not retry with a budget of 0', async () => {
      const pool = new RegistryPool(registryConfig(), environment({ http: flaky(1).http }));
      await assert.rejects(pool.client('a.example').getBlob('acme/app', BLOB_DIGEST, 10), {
        code: 'REGISTRY_UNAVAILABLE',
      });
    });
  });
});
