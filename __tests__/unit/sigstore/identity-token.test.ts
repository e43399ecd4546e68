import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import {
  checkTokenFresh,
  readIdentityToken,
  readTokenClaims,
  type IdentityTokenSource,
} from '../../../src/sigstore/identity-token.ts';

const jwt = (claims: object): string =>
  `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

/** A runner's token endpoint: records the audiences asked for and answers, or refuses. */
function runner(answer: () => Promise<string>): IdentityTokenSource & { audiences: string[] } {
  const audiences: string[] = [];
  return {
    audiences,
    runnerCanIssue: true,
    fromRunner: (audience) => {
      audiences.push(audience);
      return answer();
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<SignerError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof SignerError, String(err));
    return err;
  }
  assert.fail('resolved');
}

describe('readIdentityToken', () => {
  it("takes the 'identity-token' input as given, without asking the runner", async () => {
    const source = { ...runner(async () => 'runner-token'), given: 'given-token' };
    assert.equal(await readIdentityToken(source, () => undefined), 'given-token');
    assert.deepEqual(source.audiences, []);
  });

  it("asks the runner for audience 'sigstore' and masks the token before anyone sees it", async () => {
    const source = runner(async () => 'runner-token');
    const masked: string[] = [];
    assert.equal(await readIdentityToken(source, (secret) => masked.push(secret)), 'runner-token');
    assert.deepEqual(source.audiences, ['sigstore']);
    assert.deepEqual(masked, ['runner-token']);
  });

  it('without id-token permission, names the permissions lines to add and asks nothing', async () => {
    const source = { ...runner(async () => 'runner-token'), runnerCanIssue: false };
    const error = await rejection(readIdentityToken(source, () => undefined));
    assert.equal(error.code, 'IDENTITY_TOKEN');
    assert.equal(
      error.message,
      [
        'Keyless signing needs an OIDC token from the runner. Add to the job (or the workflow):',
        '  permissions:',
        '    id-token: write',
        "or pass 'identity-token' when running outside GitHub Actions, or sign with 'key'.",
      ].join('\n'),
    );
    assert.deepEqual(source.audiences, []);
  });

  it('when the runner refuses, says so with its cause and the permission fix', async () => {
    const refusal = new Error('HTTP 403 from the token endpoint');
    const error = await rejection(
      readIdentityToken(
        runner(() => Promise.reject(refusal)),
        () => undefined,
      ),
    );
    assert.equal(error.code, 'IDENTITY_TOKEN');
    assert.match(error.message, /^The runner refused an OIDC token \(HTTP 403 from the token endpoint\)\.\n/);
    assert.match(error.message, /id-token: write/);
    assert.equal(error.cause, refusal);
  });
});

describe('readTokenClaims', () => {
  it('reads the payload of a JWT without verifying it', () => {
    const claims = { iss: 'https://issuer.test', sub: 'repo:acme/app', exp: 1_900_000_000 };
    assert.deepEqual(readTokenClaims(jwt(claims)), claims);
  });

  const malformed: [string, string, RegExp][] = [
    ['one part only', 'not-a-jwt', /not a JWT \(header\.payload\.signature\)/],
    ['an empty payload', 'header..signature', /not a JWT \(header\.payload\.signature\)/],
    ['a payload that is not JSON', `h.${Buffer.from('nope').toString('base64url')}.s`, /payload is not JSON/],
  ];
  for (const [name, token, message] of malformed) {
    it(`refuses ${name} with IDENTITY_TOKEN, never quoting the token`, () => {
      try {
        readTokenClaims(token);
      } catch (err) {
        assert.ok(err instanceof SignerError);
        assert.equal(err.code, 'IDENTITY_TOKEN');
        assert.match(err.message, message);
        assert.ok(!err.message.includes(token));
        return;
      }
      assert.fail('accepted');
    });
  }
});

describe('checkTokenFresh', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const nowSeconds = now.getTime() / 1000;

  it('accepts a token that expires later, and one without exp', () => {
    assert.doesNotThrow(() => checkTokenFresh({ exp: nowSeconds + 1 }, now));
    assert.doesNotThrow(() => checkTokenFresh({}, now));
  });

  it('refuses a token expiring at this very second or before, naming when', () => {
    for (const exp of [nowSeconds, nowSeconds - 60]) {
      assert.throws(
        () => checkTokenFresh({ exp }, now),
        (err: unknown) =>
          err instanceof SignerError &&
          err.code === 'IDENTITY_TOKEN' &&
          err.message.includes(`expired at ${new Date(exp * 1000).toISOString()}`),
      );
    }
  });

  it('judges against the current time when no clock is given', () => {
    assert.throws(() => checkTokenFresh({ exp: 1 }), SignerError);
    assert.doesNotThrow(() => checkTokenFresh({ exp: Date.now() / 1000 + 3600 }));
  });
});
