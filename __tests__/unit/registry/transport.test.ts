import assert from 'node:assert/strict';
import { toSignerError } from '../../../src/registry/http-error.ts';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import type { HttpResponse, HttpSend } from '../../../src/registry/http.ts';
import { RetryBudget } from '../../../src/registry/retry.ts';
import {
  RegistryTransport,
  type TransportOptions,
  type RegistryRequest,
} from '../../../src/registry/transport.ts';
import { answer, BASIC, CREDENTIAL, failsWith, fakeNetwork, immediateRetries } from './fake-http.ts';

/** The request most specs send: what the registry answers to it is what they vary. */
const GET_BLOB: RegistryRequest & { path: string } = {
  method: 'GET',
  repository: 'acme/app',
  access: 'pull',
  path: '/blobs/x',
  operation: 'GET blob',
};

const NO_CREDENTIAL_HINT = 'Give credentials with registry-username.';

function transport(http: HttpSend, overrides: Partial<TransportOptions> = {}): RegistryTransport {
  return new RegistryTransport({
    registry: 'registry.example',
    allowHttp: false,
    allowInsecure: false,
    credential: async () => CREDENTIAL,
    maskSecret: () => undefined,
    missingCredentialHint: NO_CREDENTIAL_HINT,
    retry: new RetryBudget({ budgetMs: 0, requestTimeoutMs: 1_000, onRetry: () => undefined }),
    http,
    ...overrides,
  });
}

const refused = (host: string) => new Error(`connect ECONNREFUSED ${host}`);

describe('RegistryTransport: finding the scheme', () => {
  it('uses HTTPS, probing /v2/ once without credentials', async () => {
    const network = fakeNetwork(() => answer(200, '{}'));
    const subject = transport(network.http);
    assert.equal(await subject.resolveOrigin(), 'https://registry.example');
    assert.equal(await subject.resolveOrigin(), 'https://registry.example');
    assert.deepEqual(network.requests, [{ method: 'GET', url: 'https://registry.example/v2/', headers: {} }]);
  });

  it('takes any answer to the probe as a registry that is there (a 404 too)', async () => {
    const network = fakeNetwork(() => answer(404));
    assert.equal(await transport(network.http).resolveOrigin(), 'https://registry.example');
  });

  it('never falls back to plain HTTP without allow-http-registry, and says how to allow it', async () => {
    const network = fakeNetwork((url) => {
      if (url.protocol === 'https:') throw refused(url.host);
      return answer(200, '{}');
    });
    await assert.rejects(
      transport(network.http).resolveOrigin(),
      failsWith(
        'REGISTRY_UNAVAILABLE',
        'Registry registry.example could not be reached over HTTPS: connect ECONNREFUSED registry.example.',
        "set 'allow-http-registry: true'",
        'NODE_EXTRA_CA_CERTS',
      ),
    );
    assert.ok(network.requests.every((request) => request.url.startsWith('https:')));
  });

  it('falls back to plain HTTP with allow-http-registry when HTTPS fails', async () => {
    const network = fakeNetwork((url) => {
      if (url.protocol === 'https:') throw refused(url.host);
      return answer(200, '{}');
    });
    assert.equal(
      await transport(network.http, { allowHttp: true }).resolveOrigin(),
      'http://registry.example',
    );
  });

  it('prefers HTTPS when both answer', async () => {
    const network = fakeNetwork(() => answer(200, '{}'));
    assert.equal(
      await transport(network.http, { allowHttp: true }).resolveOrigin(),
      'https://registry.example',
    );
  });

  it('names both schemes when neither answers, with allow-http-registry', async () => {
    const network = fakeNetwork((url) => {
      throw refused(url.host);
    });
    await assert.rejects(
      transport(network.http, { allowHttp: true }).resolveOrigin(),
      (err: unknown) =>
        failsWith(
          'REGISTRY_UNAVAILABLE',
          'over HTTPS or HTTP:',
          'Check the address and that the registry is running.',
        )(err) && !(err as Error).message.includes('allow-http-registry'),
    );
  });

  it('probes again after a failed probe: the registry may have come up', async () => {
    let up = false;
    const network = fakeNetwork((url) => {
      if (!up) throw refused(url.host);
      return answer(200, '{}');
    });
    const subject = transport(network.http);
    await assert.rejects(subject.resolveOrigin());
    up = true;
    assert.equal(await subject.resolveOrigin(), 'https://registry.example');
  });

  it('learns the challenge of the probe, so the first request is authorised up front', async () => {
    const network = fakeNetwork((url, _method, authorization) =>
      url.pathname === '/v2/' || authorization !== BASIC
        ? answer(401, '', { 'www-authenticate': 'Basic realm="registry"' })
        : answer(200, '{}'),
    );
    const subject = transport(network.http);
    const response = await subject.send({
      method: 'GET',
      repository: 'acme/app',
      access: 'pull',
      path: '/tags/list',
      operation: 'GET tags acme/app',
    });
    assert.equal(response.status, 200);
    assert.deepEqual(
      network.sent.map((sent) => [sent.url, sent.authorization]),
      [
        ['https://registry.example/v2/', undefined],
        ['https://registry.example/v2/acme/app/tags/list', BASIC],
      ],
    );
  });
});

describe('RegistryTransport.send', () => {
  it('sends the headers and body it is given to /v2/<repository><path>', async () => {
    const network = fakeNetwork((url) => answer(url.pathname === '/v2/' ? 200 : 201));
    const body = Buffer.from('{"x":1}');
    await transport(network.http).send({
      method: 'PUT',
      repository: 'acme/app',
      access: 'pull,push',
      path: '/manifests/v1',
      operation: 'PUT manifest',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.deepEqual(network.requests.at(-1), {
      method: 'PUT',
      url: 'https://registry.example/v2/acme/app/manifests/v1',
      headers: { 'content-type': 'application/json' },
      body,
    });
  });

  describe('when the registry answers 401 to a request', () => {
    it('learns the challenge it names and sends the request again, authorised', async () => {
      const network = fakeNetwork((url, _method, authorization) => {
        if (url.pathname === '/v2/') return answer(200, '{}');
        return authorization === BASIC
          ? answer(200, 'ok')
          : answer(401, '', { 'www-authenticate': 'Basic realm="r"' });
      });
      const response = await transport(network.http).send(GET_BLOB);
      assert.equal(response.status, 200);
      assert.deepEqual(
        network.sent.slice(1).map((sent) => sent.authorization),
        [undefined, BASIC],
      );
    });

    it('gets a fresh token when the registry refuses the one it has (a new challenge)', async () => {
      let issued = 0;
      const network = fakeNetwork((url, _method, authorization) => {
        if (url.pathname === '/token') return answer(200, JSON.stringify({ token: `t${++issued}` }));
        const challenge = { 'www-authenticate': 'Bearer realm="https://registry.example/token"' };
        if (url.pathname === '/v2/') return answer(401, '', challenge);
        // The first token expired on its way.
        return authorization === 'Bearer t2' ? answer(200, 'ok') : answer(401, '', challenge);
      });
      const response = await transport(network.http).send(GET_BLOB);
      assert.equal(response.status, 200);
    });

    it('asks once more when no challenge was known, and gives the 401 back after that', async () => {
      const network = fakeNetwork((url) =>
        url.pathname === '/v2/' ? answer(200, '{}') : answer(401, '{"errors":[]}'),
      );
      const response = await transport(network.http).send(GET_BLOB);
      assert.equal(response.status, 401);
      assert.equal(network.sent.filter((sent) => sent.url.endsWith('/blobs/x')).length, 2);
    });

    it('does not ask again when a known challenge brought a 401 without a new one', async () => {
      const network = fakeNetwork((url) =>
        url.pathname === '/v2/'
          ? answer(401, '', { 'www-authenticate': 'Basic realm="r"' })
          : answer(401, '{"errors":[]}'),
      );
      const response = await transport(network.http).send(GET_BLOB);
      assert.equal(response.status, 401);
      assert.equal(network.sent.filter((sent) => sent.url.endsWith('/blobs/x')).length, 1);
    });
  });

  describe('when the network fails', () => {
    /** Reachable for the probe, then failing `failures` requests before answering. */
    function dropping(failures: number, error: () => Error = () => new Error('socket hang up')) {
      let left = failures;
      return fakeNetwork((url) => {
        if (url.pathname === '/v2/') return answer(200, '{}');
        if (left-- > 0) throw error();
        return answer(200, 'ok');
      });
    }

    it('retries within the budget', async () => {
      const network = dropping(2);
      const response = await transport(network.http, { retry: immediateRetries() }).send(GET_BLOB);
      assert.equal(response.status, 200);
      assert.equal(network.sent.length, 4);
    });

    it('tells the log about each retry, naming the registry, the operation and the cause', async () => {
      const announced: string[] = [];
      const retry = new RetryBudget({
        budgetMs: 60_000,
        requestTimeoutMs: 1_000,
        onRetry: (message) => announced.push(message),
        random: () => 0,
      });
      await transport(dropping(1).http, { retry }).send({
        method: 'GET',
        repository: 'acme/app',
        access: 'pull',
        path: '/blobs/x',
        operation: 'GET blob acme/app@x',
      });
      assert.deepEqual(announced, [
        'registry.example: GET blob acme/app@x: socket hang up; retry 1 in 0.0 s',
      ]);
    });

    it('fails as REGISTRY_UNAVAILABLE once the budget is spent, naming the cause, escaped', async () => {
      const network = dropping(1, () => new Error('reset\n::error::by peer'));
      await assert.rejects(
        transport(network.http).send({
          method: 'GET',
          repository: 'acme/app',
          access: 'pull',
          path: '/blobs/x',
          operation: 'GET blob acme/app@x',
        }),
        (err: unknown) => {
          failsWith(
            'REGISTRY_UNAVAILABLE',
            'Registry registry.example: GET blob acme/app@x failed: reset\\n::error::by peer.',
            "raise 'retry-budget-seconds'",
          )(err);
          assert.ok((err as SignerError).cause instanceof Error);
          return true;
        },
      );
    });
  });

  describe('when the registry answers a status worth retrying', () => {
    it('retries while the budget pays and returns the answer that ends it', async () => {
      let left = 2;
      const network = fakeNetwork((url) => {
        if (url.pathname === '/v2/') return answer(200, '{}');
        return left-- > 0 ? answer(429, '{"errors":[{"code":"TOOMANYREQUESTS"}]}') : answer(200, 'ok');
      });
      const response = await transport(network.http, { retry: immediateRetries() }).send(GET_BLOB);
      assert.equal(response.status, 200);
    });

    it('returns the last answer when the budget cannot pay, for the caller to report', async () => {
      const network = fakeNetwork((url) =>
        url.pathname === '/v2/' ? answer(200, '{}') : answer(503, 'busy'),
      );
      const response = await transport(network.http).send(GET_BLOB);
      assert.equal(response.status, 503);
      assert.equal(network.sent.length, 2);
    });

    it('does not retry a status that will not change (400)', async () => {
      const network = fakeNetwork((url) =>
        url.pathname === '/v2/' ? answer(200, '{}') : answer(400, 'bad'),
      );
      const response = await transport(network.http, { retry: immediateRetries() }).send(GET_BLOB);
      assert.equal(response.status, 400);
      assert.equal(network.sent.length, 2);
    });
  });
});

describe('RegistryTransport: another origin the registry pointed to', () => {
  for (const status of [401, 403]) {
    it(`fails a read redirected to an origin that refuses it (HTTP ${status}), learning nothing from it`, async () => {
      const network = fakeNetwork((url, _method, authorization) => {
        if (url.origin === 'https://cdn.example.net')
          return answer(status, '', { 'www-authenticate': 'Basic realm="cdn"' });
        if (url.pathname === '/v2/') return answer(401, '', { 'www-authenticate': 'Basic realm="registry"' });
        if (authorization !== BASIC) return answer(401, '', { 'www-authenticate': 'Basic realm="registry"' });
        return answer(307, '', { location: 'https://cdn.example.net/blob?sig=x' });
      });
      await assert.rejects(
        transport(network.http).send({
          method: 'GET',
          repository: 'acme/app',
          access: 'pull',
          path: '/blobs/x',
          operation: 'GET blob acme/app@x',
        }),
        failsWith(
          'REGISTRY_AUTH',
          `Registry registry.example: GET blob acme/app@x went to https://cdn.example.net, another origin`,
          `which refused it (HTTP ${status})`,
          "The registry's credentials are never sent to another origin.",
        ),
      );
      assert.deepEqual(
        network.sent
          .filter((sent) => sent.url.startsWith('https://cdn.example.net'))
          .map((sent) => sent.authorization),
        [undefined],
      );
    });
  }
});

describe('RegistryTransport: the probe of an open registry', () => {
  it('learns no challenge from a 200, whatever headers come with it, and sends no credential', async () => {
    const network = fakeNetwork(() => answer(200, '{}', { 'www-authenticate': 'Basic realm="r"' }));
    await transport(network.http).send(GET_BLOB);
    assert.deepEqual(
      network.sent.map((sent) => sent.authorization),
      [undefined, undefined],
    );
  });
});

describe('RegistryTransport: a refused token realm', () => {
  it("reports the realm policy's refusal as it is, naming the realm", async () => {
    const network = fakeNetwork((url) =>
      url.pathname === '/v2/'
        ? answer(401, '', { 'www-authenticate': 'Bearer realm="https://collector.example.net/token"' })
        : answer(200, 'ok'),
    );
    await assert.rejects(
      transport(network.http).send(GET_BLOB),
      (err: unknown) =>
        failsWith(
          'REGISTRY_AUTH',
          'Registry registry.example named https://collector.example.net/token as its token realm',
        )(err) && !(err as Error).message.includes('could not get a token'),
    );
  });
});

describe('RegistryTransport.expect: what a caller is told about an unexpected status', () => {
  const expectOn = async (response: HttpResponse, credential = true) =>
    // As a caller past the RegistryAccess boundary is told it.
    transport(fakeNetwork(() => answer(200)).http, {
      credential: async () => (credential ? CREDENTIAL : undefined),
    })
      .expect(response, [200], 'GET blob acme/app@x')
      .catch((err: unknown) => {
        throw toSignerError('registry.example', err);
      });

  it('accepts the statuses asked for', async () => {
    await expectOn(answer(200));
  });

  const cases: [string, HttpResponse, string, string[]][] = [
    [
      '404',
      answer(404, '{"errors":[{"code":"BLOB_UNKNOWN"}]}'),
      'MANIFEST_NOT_FOUND',
      ['Registry registry.example: GET blob acme/app@x: HTTP 404 BLOB_UNKNOWN.'],
    ],
    [
      '400',
      answer(400, 'bad'),
      'REGISTRY_PROTOCOL',
      ['Registry registry.example rejected a request: GET blob acme/app@x: HTTP 400 (bad).'],
    ],
    [
      '429 with a Retry-After',
      answer(429, '', { 'retry-after': '1.5' }),
      'REGISTRY_UNAVAILABLE',
      ['Registry registry.example is unavailable: GET blob acme/app@x: HTTP 429.', 'It asked to wait 2 s'],
    ],
    [
      '503 without a Retry-After',
      answer(503, ''),
      'REGISTRY_UNAVAILABLE',
      ["It was still failing when the retries 'retry-budget-seconds' allows ran out"],
    ],
    [
      '503 with Retry-After: 0',
      answer(503, '', { 'retry-after': '0' }),
      'REGISTRY_UNAVAILABLE',
      ['It was still failing when the retries'],
    ],
    [
      'TOOMANYREQUESTS in a 400',
      answer(400, '{"errors":[{"code":"TOOMANYREQUESTS"}]}'),
      'REGISTRY_UNAVAILABLE',
      ['is unavailable: GET blob acme/app@x: HTTP 400 TOOMANYREQUESTS.'],
    ],
    [
      '403 with a credential sent',
      answer(403, '{"errors":[{"code":"DENIED"}]}'),
      'REGISTRY_AUTH',
      [
        "Registry registry.example refused access: GET blob acme/app@x: HTTP 403 DENIED. Check 'registry-username' and 'registry-password'",
      ],
    ],
  ];
  for (const [name, response, code, mentions] of cases) {
    it(`reports ${name} as ${code}`, async () => {
      await assert.rejects(expectOn(response), failsWith(code, ...mentions));
    });
  }

  it('names no retry setting for TOOMANYREQUESTS in a status that was not retried', async () => {
    await assert.rejects(expectOn(answer(400, '{"errors":[{"code":"TOOMANYREQUESTS"}]}')), {
      message: 'Registry registry.example is unavailable: GET blob acme/app@x: HTTP 400 TOOMANYREQUESTS.',
    });
  });

  it('names the missing credential when none was sent', async () => {
    await assert.rejects(
      expectOn(answer(401, '{"errors":[]}'), false),
      failsWith('REGISTRY_AUTH', `HTTP 401. ${NO_CREDENTIAL_HINT}`),
    );
  });
});

describe('RegistryTransport: token failures', () => {
  const bearerRegistry = (token: () => HttpResponse) =>
    fakeNetwork((url) => {
      if (url.pathname === '/token') return token();
      if (url.pathname === '/v2/')
        return answer(401, '', { 'www-authenticate': 'Bearer realm="https://registry.example/token"' });
      return answer(200, 'ok');
    });

  it('reports a token server that refuses the credential as REGISTRY_AUTH, naming the inputs', async () => {
    const network = bearerRegistry(() => answer(401, '{"errors":[{"code":"UNAUTHORIZED"}]}'));
    await assert.rejects(
      transport(network.http)
        .send(GET_BLOB)
        .catch((err: unknown) => {
          throw toSignerError('registry.example', err);
        }),
      failsWith(
        'REGISTRY_AUTH',
        'refused access: token for repository:acme/app:pull: HTTP 401 UNAUTHORIZED',
        "'registry-password'",
      ),
    );
  });

  it('names the missing credential when the token server refuses an anonymous request', async () => {
    const network = bearerRegistry(() => answer(403, '{"errors":[]}'));
    await assert.rejects(
      transport(network.http, { credential: async () => undefined })
        .send(GET_BLOB)
        .catch((err: unknown) => {
          throw toSignerError('registry.example', err);
        }),
      failsWith('REGISTRY_AUTH', NO_CREDENTIAL_HINT),
    );
  });

  it('reports an unreachable token server as REGISTRY_AUTH, naming the operation and the cause', async () => {
    const network = bearerRegistry(() => {
      throw new Error('getaddrinfo ENOTFOUND');
    });
    await assert.rejects(
      transport(network.http)
        .send({
          method: 'GET',
          repository: 'acme/app',
          access: 'pull',
          path: '/blobs/x',
          operation: 'GET blob acme/app@x',
        })
        .catch((err: unknown) => {
          throw toSignerError('registry.example', err);
        }),
      failsWith(
        'REGISTRY_AUTH',
        'Registry registry.example: could not get a token for GET blob acme/app@x: getaddrinfo ENOTFOUND.',
      ),
    );
  });
});

describe('RegistryTransport.bounded', () => {
  it('reports a body over the cap as REGISTRY_PROTOCOL, keeping the cause', async () => {
    await assert.rejects(
      transport(fakeNetwork(() => answer(200)).http).bounded(answer(200, '12345'), 4, 'GET blob acme/app@x'),
      (err: unknown) => {
        failsWith(
          'REGISTRY_PROTOCOL',
          'Registry registry.example: GET blob acme/app@x is more than the 4 bytes allowed.',
        )(err);
        assert.ok((err as SignerError).cause instanceof Error);
        return true;
      },
    );
  });
});

describe('RegistryTransport.toUploadUrl', () => {
  it('resolves a relative Location against the registry', async () => {
    const subject = transport(fakeNetwork(() => answer(200)).http);
    assert.equal(
      (await subject.toUploadUrl('/v2/acme/app/blobs/uploads/s1?_state=x', 'upload')).href,
      'https://registry.example/v2/acme/app/blobs/uploads/s1?_state=x',
    );
  });

  it('refuses a Location it will not use, naming why and the fix', async () => {
    const subject = transport(fakeNetwork(() => answer(200)).http);
    await assert.rejects(
      subject.toUploadUrl('ftp://storage.example/s1', 'upload blob acme/app@x'),
      failsWith(
        'REGISTRY_PROTOCOL',
        "Registry registry.example: upload blob acme/app@x: the upload session's Location is not used: it is a ftp: URL",
        'https upload URLs',
      ),
    );
  });
});
