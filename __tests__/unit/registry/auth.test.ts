import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import {
  Authorizer,
  parseChallenge,
  type BasicCredential,
  type Challenge,
} from '../../../src/registry/auth.ts';
import { RegistryHttpError } from '../../../src/registry/http-error.ts';
import type { HttpResponse } from '../../../src/registry/http.ts';
import { answer, fakeNetwork } from './fake-http.ts';

describe('parseChallenge', () => {
  it('reads a bearer challenge with quoted parameters', () => {
    assert.deepEqual(
      parseChallenge('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull"'),
      {
        scheme: 'bearer',
        params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:a/b:pull' },
      },
    );
  });

  it('reads a basic challenge', () => {
    assert.deepEqual(parseChallenge('Basic realm="test-realm"'), {
      scheme: 'basic',
      params: { realm: 'test-realm' },
    });
  });

  it('ignores schemes it cannot answer', () => {
    assert.equal(parseChallenge('Negotiate abc'), undefined);
    assert.equal(parseChallenge(null), undefined);
  });
});

describe('parseChallenge: what registries put in WWW-Authenticate', () => {
  const cases: [string, string, ReturnType<typeof parseChallenge>][] = [
    [
      'a scheme in any case',
      'BEARER realm="https://r.example/token"',
      { scheme: 'bearer', params: { realm: 'https://r.example/token' } },
    ],
    [
      'unquoted values and spaces around =',
      'Bearer realm = https://r.example/token , service=reg',
      { scheme: 'bearer', params: { realm: 'https://r.example/token', service: 'reg' } },
    ],
    [
      'parameter names in any case',
      'Bearer Realm="x",SERVICE="y"',
      { scheme: 'bearer', params: { realm: 'x', service: 'y' } },
    ],
    [
      'escaped quotes inside a quoted value',
      'Bearer realm="x",error="say \\"hi\\""',
      { scheme: 'bearer', params: { realm: 'x', error: 'say "hi"' } },
    ],
    ['leading whitespace', '   Basic realm="r"', { scheme: 'basic', params: { realm: 'r' } }],
    ['a scheme without parameters', 'Basic', { scheme: 'basic', params: {} }],
    ['an empty quoted value', 'Bearer realm=""', { scheme: 'bearer', params: { realm: '' } }],
  ];
  for (const [name, header, expected] of cases) {
    it(`reads ${name}`, () => {
      assert.deepEqual(parseChallenge(header), expected);
    });
  }

  it('reads nothing from an empty header or one without a scheme', () => {
    assert.equal(parseChallenge(''), undefined);
    assert.equal(parseChallenge('  "Bearer" realm="x"'), undefined);
    assert.equal(parseChallenge('Bearerish realm="x"'), undefined);
  });
});

const TOKEN_REALM = 'https://registry.example/token';
const ORIGIN = 'https://registry.example';
const CREDENTIAL = { username: 'release-bot', password: 'unit-password' };
const BASIC_HEADER = `Basic ${Buffer.from('release-bot:unit-password').toString('base64')}`;

/** An Authorizer for https://registry.example over a token server answering `token`; records the masked secrets. */
function authorizer(
  token: () => HttpResponse,
  credential: BasicCredential | 'anonymous' = CREDENTIAL,
): {
  authorizer: Authorizer;
  masked: string[];
  lookups: () => number;
  network: ReturnType<typeof fakeNetwork>;
} {
  const masked: string[] = [];
  let lookups = 0;
  const network = fakeNetwork(() => token());
  return {
    authorizer: new Authorizer({
      registry: 'registry.example',
      credential: async () => {
        lookups++;
        return credential === 'anonymous' ? undefined : credential;
      },
      maskSecret: (value) => masked.push(value),
      http: network.http,
    }),
    masked,
    lookups: () => lookups,
    network,
  };
}

const bearer = (params: Record<string, string>): Challenge => ({ scheme: 'bearer', params });

describe('Authorizer', () => {
  it('sends nothing before a challenge was learnt', async () => {
    const { authorizer: subject, network } = authorizer(() => answer(200, '{"token":"t"}'));
    assert.equal(subject.knowsChallenge, false);
    assert.equal(await subject.header('repository:acme/app:pull'), undefined);
    assert.equal(network.requests.length, 0);
  });

  it('learns no challenge from an answer without one', () => {
    const { authorizer: subject } = authorizer(() => answer(200, '{"token":"t"}'));
    subject.learn(undefined, ORIGIN);
    assert.equal(subject.knowsChallenge, false);
  });

  describe('with a basic challenge', () => {
    it('sends the credential as basic auth, masking the password and its encoded form', async () => {
      const { authorizer: subject, masked } = authorizer(() => answer(500));
      subject.learn({ scheme: 'basic', params: { realm: 'r' } }, ORIGIN);
      assert.equal(subject.knowsChallenge, true);
      assert.equal(await subject.header('repository:acme/app:pull'), BASIC_HEADER);
      assert.deepEqual(masked, ['unit-password', BASIC_HEADER.slice('Basic '.length)]);
    });

    it('sends nothing without a credential', async () => {
      const { authorizer: subject, masked } = authorizer(() => answer(500), 'anonymous');
      subject.learn({ scheme: 'basic', params: {} }, ORIGIN);
      assert.equal(await subject.header('repository:acme/app:pull'), undefined);
      assert.deepEqual(masked, []);
    });

    it('looks the credential up once', async () => {
      const { authorizer: subject, lookups } = authorizer(() => answer(500));
      subject.learn({ scheme: 'basic', params: {} }, ORIGIN);
      await subject.header('repository:acme/app:pull');
      await subject.header('repository:acme/app:pull,push');
      await subject.credential();
      assert.equal(lookups(), 1);
    });
  });

  describe('with a bearer challenge', () => {
    it('gets a token for the scope with the credential, and sends it as Bearer', async () => {
      const { authorizer: subject, network, masked } = authorizer(() => answer(200, '{"token":"scoped"}'));
      subject.learn(bearer({ realm: TOKEN_REALM, service: 'registry.example' }), ORIGIN);
      assert.equal(await subject.header('repository:acme/app:pull'), 'Bearer scoped');
      assert.deepEqual(network.requests, [
        {
          method: 'GET',
          url: `${TOKEN_REALM}?service=registry.example&scope=${encodeURIComponent('repository:acme/app:pull')}`,
          headers: { authorization: BASIC_HEADER },
        },
      ]);
      assert.ok(masked.includes('scoped'));
    });

    it('asks anonymously without a credential, and leaves out a service the challenge does not name', async () => {
      const { authorizer: subject, network } = authorizer(() => answer(200, '{"token":"anon"}'), 'anonymous');
      subject.learn(bearer({ realm: TOKEN_REALM }), ORIGIN);
      assert.equal(await subject.header('repository:acme/app:pull'), 'Bearer anon');
      assert.deepEqual(network.requests[0]?.headers, {});
      assert.equal(new URL(network.requests[0]?.url ?? '').searchParams.has('service'), false);
    });

    it('takes access_token when the server sends no token field (OAuth2 form)', async () => {
      const { authorizer: subject } = authorizer(() => answer(200, '{"access_token":"oauth"}'));
      subject.learn(bearer({ realm: TOKEN_REALM }), ORIGIN);
      assert.equal(await subject.header('repository:acme/app:pull'), 'Bearer oauth');
    });

    it('prefers token to access_token', async () => {
      const { authorizer: subject } = authorizer(() => answer(200, '{"token":"t","access_token":"a"}'));
      subject.learn(bearer({ realm: TOKEN_REALM }), ORIGIN);
      assert.equal(await subject.header('repository:acme/app:pull'), 'Bearer t');
    });

    it('keeps one token per scope for the run, and fetches again after forget', async () => {
      let issued = 0;
      const { authorizer: subject, network } = authorizer(() =>
        answer(200, JSON.stringify({ token: `t${++issued}` })),
      );
      subject.learn(bearer({ realm: TOKEN_REALM }), ORIGIN);
      assert.equal(await subject.header('repository:acme/app:pull'), 'Bearer t1');
      assert.equal(await subject.header('repository:acme/app:pull'), 'Bearer t1');
      assert.equal(await subject.header('repository:acme/app:pull,push'), 'Bearer t2');
      subject.forget('repository:acme/app:pull');
      assert.equal(await subject.header('repository:acme/app:pull'), 'Bearer t3');
      assert.equal(await subject.header('repository:acme/app:pull,push'), 'Bearer t2');
      assert.equal(network.requests.length, 3);
    });

    it('fetches again after a failed token request', async () => {
      let fail = true;
      const { authorizer: subject } = authorizer(() =>
        fail ? answer(503, 'busy') : answer(200, '{"token":"late"}'),
      );
      subject.learn(bearer({ realm: TOKEN_REALM }), ORIGIN);
      await assert.rejects(subject.header('repository:acme/app:pull'));
      fail = false;
      assert.equal(await subject.header('repository:acme/app:pull'), 'Bearer late');
    });

    const refusedTokens: [string, () => HttpResponse, RegExp][] = [
      [
        'a 401 from the token server',
        () => answer(401, '{"errors":[{"code":"UNAUTHORIZED","message":"bad creds"}]}'),
        /^token for repository:acme\/app:pull: HTTP 401 UNAUTHORIZED \(bad creds\)$/,
      ],
      ['a redirect the token request does not follow', () => answer(302, ''), /HTTP 302/],
      ['a 199', () => answer(199, ''), /HTTP 199/],
      [
        'an answer without a token',
        () => answer(200, '{"expires_in":300}'),
        /^token for repository:acme\/app:pull: HTTP 200 \(the token server answered without a token\)$/,
      ],
      ['an empty token', () => answer(200, '{"token":""}'), /the token server answered without a token/],
      [
        'a token that is no string',
        () => answer(200, '{"token":42}'),
        /the token server answered without a token/,
      ],
      [
        'an access_token that is no string',
        () => answer(200, '{"access_token":42}'),
        /^token for repository:acme\/app:pull: HTTP 200 \(the token server answered without a token\)$/,
      ],
    ];
    for (const [name, respond, message] of refusedTokens) {
      it(`fails on ${name}`, async () => {
        const { authorizer: subject } = authorizer(respond);
        subject.learn(bearer({ realm: TOKEN_REALM }), ORIGIN);
        await assert.rejects(subject.header('repository:acme/app:pull'), (err: unknown) => {
          assert.ok(err instanceof RegistryHttpError, String(err));
          assert.match(err.message, message);
          return true;
        });
      });
    }

    it('accepts any 2xx from the token server', async () => {
      const { authorizer: subject } = authorizer(() => answer(299, '{"token":"t"}'));
      subject.learn(bearer({ realm: TOKEN_REALM }), ORIGIN);
      assert.equal(await subject.header('repository:acme/app:pull'), 'Bearer t');
    });

    it('fails on a challenge without a realm, asking nobody', async () => {
      const { authorizer: subject, network } = authorizer(() => answer(200, '{"token":"t"}'));
      subject.learn(bearer({ service: 'reg' }), ORIGIN);
      await assert.rejects(subject.header('repository:acme/app:pull'), (err: unknown) => {
        assert.ok(err instanceof RegistryHttpError && err.status === 401, String(err));
        assert.equal(
          err.message,
          'token challenge: HTTP 401 (the registry sent a bearer challenge without a realm)',
        );
        return true;
      });
      assert.equal(network.requests.length, 0);
    });

    it('refuses a realm the realm policy refuses, naming the registry and the realm without its query', async () => {
      const { authorizer: subject, network } = authorizer(() => answer(200, '{"token":"t"}'));
      subject.learn(bearer({ realm: 'https://collector.example.net/token?secret=x' }), ORIGIN);
      await assert.rejects(subject.header('repository:acme/app:pull'), (err: unknown) => {
        assert.ok(err instanceof SignerError && err.code === 'REGISTRY_AUTH', String(err));
        assert.ok(
          err.message.startsWith('Registry registry.example named https://collector.example.net/token'),
          err.message,
        );
        assert.ok(!err.message.includes('secret=x'), err.message);
        assert.ok(err.message.includes("it is not in the registry's domain registry.example"), err.message);
        return true;
      });
      assert.equal(network.requests.length, 0);
    });
  });
});
